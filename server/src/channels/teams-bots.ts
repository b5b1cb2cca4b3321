import type { TeamsBot, TeamsBotDirectory } from '@clara/channel-teams';
import { teamsAppTypes } from '@clara/contract';
import {
  type Database,
  findChannelConnection,
  hasChannelConnections,
  upsertChannelConnection,
} from '@clara/supabase';
import { z } from 'zod';
import type { Logger } from '../logger';
import { decryptKey, encryptKey } from '../vault';

/** The JSON a Teams `channel_connections` row encrypts. */
export const teamsCredentialsSchema = z.object({
  app_password: z.string().min(1).max(500).optional(),
  tenant_id: z.string().min(1).max(100).optional(),
  app_type: z.enum(teamsAppTypes).optional(),
});

export type TeamsCredentials = z.infer<typeof teamsCredentialsSchema>;

/**
 * The Teams bots Clara answers for: the environment's bot, then the active Teams rows of
 * `channel_connections` (credentials decrypted with the vault's master key).
 */
export function createTeamsBotDirectory(options: {
  db: Database;
  masterKey: Buffer;
  envBot: TeamsBot | null;
  logger: Logger;
}): TeamsBotDirectory {
  const { db, masterKey, envBot, logger } = options;
  return {
    async find(appId) {
      if (envBot && envBot.appId === appId) return envBot;
      const row = await findChannelConnection(db, 'teams', appId);
      if (!row) return null;
      try {
        const credentials = teamsCredentialsSchema.parse(
          JSON.parse(decryptKey(row.encrypted_credentials, masterKey)),
        );
        return {
          appId: row.external_id,
          workspaceId: row.workspace_id,
          appPassword: credentials.app_password,
          tenantId: credentials.tenant_id,
          appType: credentials.app_type,
        };
      } catch (error) {
        // The vault's messages carry no key material; a JSON or zod error is only named.
        const reason =
          error instanceof Error && error.name === 'VaultError'
            ? error.message
            : 'unreadable credentials JSON';
        logger.error({ connection_id: row.id, reason }, 'teams connection credentials cannot be read');
        return null;
      }
    },
    async hasAny() {
      return envBot !== null || (await hasChannelConnections(db, 'teams'));
    },
  };
}

/** Connects a Teams bot to a workspace, its credentials encrypted with the vault. */
export async function connectTeamsBot(
  db: Database,
  masterKey: Buffer,
  input: { workspaceId: string; appId: string; credentials: TeamsCredentials; label?: string },
): Promise<void> {
  const credentials = teamsCredentialsSchema.parse(input.credentials);
  await upsertChannelConnection(db, {
    workspaceId: input.workspaceId,
    channel: 'teams',
    externalId: input.appId,
    encryptedCredentials: encryptKey(JSON.stringify(credentials), masterKey),
    label: input.label,
  });
}
