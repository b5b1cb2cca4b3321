import type { SlackConnection, SlackConnectionResolver } from '@clara/channel-slack';
import { slackBotTokenPattern } from '@clara/contract';
import {
  type ChannelConnectionRow,
  findChannelConnectionAnyState,
  listChannelConnections,
  type SqlExecutor,
} from '@clara/supabase';
import { z } from 'zod';
import type { Config } from '../config/load-config';
import type { Logger } from '../logger';
import { decryptKey, encryptKey } from '../vault';
import {
  isSlackInstallation,
  type SlackTokenRefresher,
  slackInstallationSchema,
} from './slack-installations';

/** What a Slack row of `channel_connections` holds, once decrypted. */
export const slackCredentialsSchema = z.object({
  bot_token: z.string().regex(slackBotTokenPattern, 'bot_token must be a Slack bot token (xoxb-…)'),
  signing_secret: z.string().min(8).max(200),
});

export type SlackCredentials = z.infer<typeof slackCredentialsSchema>;

/** Encrypts Slack credentials for `channel_connections.encrypted_credentials` (the vault format). */
export function encryptSlackCredentials(credentials: SlackCredentials, masterKey: Buffer): string {
  return encryptKey(JSON.stringify(slackCredentialsSchema.parse(credentials)), masterKey);
}

/** How long after a connection is saved Slack's url_verification (which names no team) is tried against it. */
export const urlVerificationWindowMs = 24 * 60 * 60 * 1000;

/**
 * Resolves which Slack apps may have signed a request: the connected rows for the claimed
 * teams (`authorizations[0].team_id` first, so Slack Connect events find the installing team)
 * and the claimed Enterprise Grid org (org-wide installs are connected by their `E…` id), then
 * the env app (SLACK_*). Rows installed with "Add to Slack" are verified with the OAuth app's
 * signing secret and carry a refresher for their rotating token. A request that names no team (url_verification, sent when the Request
 * URL is saved in Slack) is tried only against connections saved in the last 24 hours, so no
 * request decrypts every tenant's credentials.
 */
export function createSlackConnectionResolver(deps: {
  db: SqlExecutor;
  masterKey: Buffer;
  envApp: Config['slack']['app'];
  /** The "Add to Slack" app: its signing secret verifies the installations' requests. */
  oauth?: Config['slack']['oauth'];
  /** Refreshes rotating tokens of installations (after the request is verified). */
  refresher?: SlackTokenRefresher;
  logger: Logger;
  now?: () => number;
}): SlackConnectionResolver {
  const now = deps.now ?? Date.now;
  const envConnection: SlackConnection | undefined = deps.envApp && { ...deps.envApp, teamId: null };

  function fromInstallation(row: ChannelConnectionRow, stored: unknown): SlackConnection | undefined {
    // Installed with "Add to Slack" while SLACK_CLIENT_ID was set: without it nothing verifies them.
    if (!deps.oauth) return undefined;
    const installation = slackInstallationSchema.parse(stored);
    const refresher = deps.refresher;
    return {
      workspaceId: row.workspace_id,
      botToken: installation.bot_token,
      signingSecret: deps.oauth.signingSecret,
      teamId: row.external_id,
      active: row.is_active,
      installerUserId: installation.installer_user_id,
      ...(refresher && installation.expires_at !== undefined
        ? { freshBotToken: () => refresher.fresh(row.id, installation) }
        : {}),
    };
  }

  function decrypt(row: ChannelConnectionRow): SlackConnection | undefined {
    try {
      const stored: unknown = JSON.parse(decryptKey(row.encrypted_credentials, deps.masterKey));
      if (isSlackInstallation(stored)) return fromInstallation(row, stored);
      const credentials = slackCredentialsSchema.parse(stored);
      return {
        workspaceId: row.workspace_id,
        botToken: credentials.bot_token,
        signingSecret: credentials.signing_secret,
        teamId: row.external_id,
        active: row.is_active,
      };
    } catch (error) {
      // A wrong master key or a hand-edited row: skip the row, never log its content.
      deps.logger.error(
        { connection_id: row.id, reason: (error as Error).name },
        'slack connection credentials unreadable',
      );
      return undefined;
    }
  }

  return {
    async candidates(claim) {
      const ids = [...claim.teamIds, ...(claim.enterpriseId ? [claim.enterpriseId] : [])];
      const rows =
        ids.length > 0
          ? // Inactive rows too: an uninstalled team's events are verified, then ignored politely.
            (await Promise.all(ids.map((id) => findChannelConnectionAnyState(deps.db, 'slack', id)))).filter(
              (r) => r !== null,
            )
          : (await listChannelConnections(deps.db, 'slack')).filter(
              (row) => now() - new Date(row.updated_at).getTime() <= urlVerificationWindowMs,
            );
      const connections = rows.map(decrypt).filter((c) => c !== undefined);
      // Inactive rows last: they only catch what no active app signed (then nothing is answered).
      const active = connections.filter((c) => c.active !== false);
      const inactive = connections.filter((c) => c.active === false);
      return [...active, ...(envConnection ? [envConnection] : []), ...inactive];
    },
  };
}
