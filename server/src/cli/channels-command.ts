import { slackManifest, verifySlackBotToken } from '@clara/channel-slack';
import { ClaraError } from '@clara/core';
import { getWorkspace, listChannelConnections, upsertChannelConnection } from '@clara/supabase';
import { z } from 'zod';
import { encryptSlackCredentials, slackCredentialsSchema } from '../channels/slack-connections';
import type { Config } from '../config/load-config';
import type { Runtime } from '../runtime';
import { out, UsageError } from './output';
import { parseFlags } from './parse-flags';

export const channelsHelp = `  clara channels add-slack --workspace ID --team-id T… --bot-token xoxb-… --signing-secret S
                                           connect a Slack app (its team) to a workspace
  clara channels list --workspace ID       the workspace's Slack connections (never their secrets)
  clara channels slack-manifest --url https://clara.example.com
                                           the Slack app manifest (YAML) for this server`;

/** The values `clara channels` reads from the command line. */
export interface ChannelsArgs {
  workspace?: string | undefined;
  'team-id'?: string | undefined;
  'bot-token'?: string | undefined;
  'signing-secret'?: string | undefined;
  label?: string | undefined;
  url?: string | undefined;
}

const addSlackArgs = z.object({
  workspace: z.uuid('--workspace must be a workspace id (UUID)'),
  'team-id': z.string().regex(/^[TE][A-Z0-9]{2,30}$/, '--team-id must be a Slack team id like T0123ABCD'),
  'bot-token': slackCredentialsSchema.shape.bot_token,
  'signing-secret': slackCredentialsSchema.shape.signing_secret,
  label: z.string().trim().min(1).max(100).optional(),
});

// Name the flag, never echo its value: it may be a token (`parseFlags` never does).
const parse = <T>(schema: z.ZodType<T>, values: ChannelsArgs): T => parseFlags(schema, values);

const publicConnection = (row: Awaited<ReturnType<typeof listChannelConnections>>[number]) => ({
  id: row.id,
  workspace_id: row.workspace_id,
  channel: row.channel,
  team_id: row.external_id,
  label: row.label,
  is_active: row.is_active,
  created_at: row.created_at,
});

const listArgs = z.object({ workspace: z.uuid('--workspace must be a workspace id (UUID)') });

/** `clara channels …`'s flags, checked before the database is opened or the master key read. */
export function checkChannelsArgs(sub: string | undefined, values: ChannelsArgs): void {
  if (sub === 'add-slack') parse(addSlackArgs, values);
  else if (sub === 'list') parse(listArgs, values);
  // slack-manifest checks --url against CLARA_PUBLIC_URL itself (it opens no database).
  else if (sub !== 'slack-manifest')
    throw new UsageError('did you mean: clara channels add-slack | list | slack-manifest');
}

/** `clara channels …`: connects Slack apps to workspaces (credentials sealed with the vault). */
export async function channelsCommand(
  runtime: Pick<Runtime, 'config' | 'db' | 'masterKey'>,
  sub: string | undefined,
  values: ChannelsArgs,
): Promise<void> {
  switch (sub) {
    case 'add-slack': {
      const args = parse(addSlackArgs, values);
      if (!(await getWorkspace(runtime.db, args.workspace))) {
        throw new ClaraError('workspace_not_found', `No workspace has the id ${args.workspace}.`);
      }
      // Proof that the token belongs to this team (or Grid org) before anything is stored.
      await verifySlackBotToken({
        botToken: args['bot-token'],
        claimedId: args['team-id'],
        apiUrl: runtime.config.slack.apiUrl,
      });
      const sealed = encryptSlackCredentials(
        { bot_token: args['bot-token'], signing_secret: args['signing-secret'] },
        runtime.masterKey,
      );
      const row = await upsertChannelConnection(runtime.db, {
        workspaceId: args.workspace,
        channel: 'slack',
        externalId: args['team-id'],
        encryptedCredentials: sealed,
        label: args.label,
      });
      const events = runtime.config.publicUrl
        ? `${runtime.config.publicUrl.replace(/\/+$/, '')}/slack/events`
        : null;
      return out.json({ ...publicConnection(row), events_url: events });
    }
    case 'list': {
      const { workspace } = parse(listArgs, values);
      const rows = await listChannelConnections(runtime.db, 'slack', {
        workspaceId: workspace,
        includeInactive: true,
      });
      return out.json({ connections: rows.map(publicConnection) });
    }
    case 'slack-manifest':
      return slackManifestCommand(runtime.config, values);
    default:
      throw new UsageError('did you mean: clara channels add-slack | list | slack-manifest');
  }
}

/**
 * `clara channels slack-manifest`: the Slack app manifest (YAML) for this server. It needs only
 * the URL, so it opens no database (it works while the server runs).
 */
export function slackManifestCommand(config: Config, values: ChannelsArgs): void {
  const url = values.url ?? config.publicUrl;
  if (!url || !z.url({ protocol: /^https?$/ }).safeParse(url).success) {
    throw new UsageError('--url (or CLARA_PUBLIC_URL) must be the public https URL of this server');
  }
  out.text(slackManifest(url));
}
