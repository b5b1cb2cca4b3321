import type { SqlExecutor } from '../database';

/** A Teams bot row of `channel_connections` (external_id = the bot's Microsoft App ID). */
export interface TeamsConnectionRow {
  id: string;
  workspace_id: string;
  external_id: string;
  /** Vault ciphertext (iv:authTag:ciphertext) of `{ app_password, tenant_id, app_type }`. */
  encrypted_credentials: string;
}

/** The active Teams bot with this app id, or null. */
export async function findTeamsConnection(
  sql: SqlExecutor,
  appId: string,
): Promise<TeamsConnectionRow | null> {
  const [row] = await sql.query<TeamsConnectionRow>(
    `SELECT id, workspace_id, external_id, encrypted_credentials FROM channel_connections
     WHERE channel = 'teams' AND external_id = $1 AND is_active`,
    [appId],
  );
  return row ?? null;
}

/** Whether any active Teams bot is connected. */
export async function hasTeamsConnections(sql: SqlExecutor): Promise<boolean> {
  const [row] = await sql.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM channel_connections WHERE channel = 'teams' AND is_active) AS found`,
  );
  return row?.found === true;
}

/** Connects a Teams bot to a workspace (or rebinds and re-keys an existing app id). */
export async function upsertTeamsConnection(
  sql: SqlExecutor,
  input: { workspaceId: string; appId: string; encryptedCredentials: string; label?: string | undefined },
): Promise<TeamsConnectionRow> {
  const [row] = await sql.query<TeamsConnectionRow>(
    `INSERT INTO channel_connections (workspace_id, channel, external_id, encrypted_credentials, label)
     VALUES ($1, 'teams', $2, $3, $4)
     ON CONFLICT (channel, external_id) DO UPDATE
       SET workspace_id = EXCLUDED.workspace_id, encrypted_credentials = EXCLUDED.encrypted_credentials,
           label = EXCLUDED.label, is_active = true
     RETURNING id, workspace_id, external_id, encrypted_credentials`,
    [input.workspaceId, input.appId, input.encryptedCredentials, input.label ?? null],
  );
  if (!row) throw new Error('upsert returned no row');
  return row;
}

/** Records a handled Teams activity; false when it was recorded before (a redelivery). */
export async function claimTeamsEvent(
  sql: SqlExecutor,
  eventId: string,
  workspaceId: string,
): Promise<boolean> {
  const rows = await sql.query(
    `INSERT INTO channel_events (channel, event_id, workspace_id) VALUES ('teams', $1, $2)
     ON CONFLICT (channel, event_id) DO NOTHING RETURNING event_id`,
    [eventId, workspaceId],
  );
  return rows.length === 1;
}

/** Forgets a Teams activity whose handling failed, so its redelivery is answered. */
export async function releaseTeamsEvent(sql: SqlExecutor, eventId: string): Promise<void> {
  await sql.query(`DELETE FROM channel_events WHERE channel = 'teams' AND event_id = $1`, [eventId]);
}
