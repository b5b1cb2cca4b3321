import type { SlackConnection, SlackConnectionResolver } from '@clara/channel-slack';
import {
  type ChannelConnectionRow,
  findChannelConnection,
  listChannelConnections,
  type SqlExecutor,
} from '@clara/supabase';
import { z } from 'zod';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { decryptKey, encryptKey } from '../vault';

/** What a Slack row of `channel_connections` holds, once decrypted. */
export const slackCredentialsSchema = z.object({
  bot_token: z.string().regex(/^xox[bp]-[A-Za-z0-9-]+$/, 'bot_token must be a Slack bot token (xoxb-…)'),
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
 * the env app (SLACK_*). A request that names no team (url_verification, sent when the Request
 * URL is saved in Slack) is tried only against connections saved in the last 24 hours, so no
 * request decrypts every tenant's credentials.
 */
export function createSlackConnectionResolver(deps: {
  db: SqlExecutor;
  masterKey: Buffer;
  envApp: Config['slack']['app'];
  logger: Logger;
  now?: () => number;
}): SlackConnectionResolver {
  const now = deps.now ?? Date.now;
  const envConnection: SlackConnection | undefined = deps.envApp && { ...deps.envApp, teamId: null };

  function decrypt(row: ChannelConnectionRow): SlackConnection | undefined {
    try {
      const credentials = slackCredentialsSchema.parse(
        JSON.parse(decryptKey(row.encrypted_credentials, deps.masterKey)),
      );
      return {
        workspaceId: row.workspace_id,
        botToken: credentials.bot_token,
        signingSecret: credentials.signing_secret,
        teamId: row.external_id,
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
          ? (await Promise.all(ids.map((id) => findChannelConnection(deps.db, 'slack', id)))).filter(
              (r) => r !== null,
            )
          : (await listChannelConnections(deps.db, 'slack')).filter(
              (row) => now() - new Date(row.updated_at).getTime() <= urlVerificationWindowMs,
            );
      const connections = rows.map(decrypt).filter((c) => c !== undefined);
      return envConnection ? [...connections, envConnection] : connections;
    },
  };
}
