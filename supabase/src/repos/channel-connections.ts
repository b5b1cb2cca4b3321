import type { SqlExecutor } from '../database';

/** The chat channels a `channel_connections` row can connect. */
export type ConnectedChannel = 'slack' | 'teams';

/** A `channel_connections` row: one external app/team bound to a workspace, credentials still encrypted. */
export interface ChannelConnectionRow {
  id: string;
  workspace_id: string;
  channel: ConnectedChannel;
  /** Slack: the team id (`T…`); Teams: the bot's Microsoft App ID. */
  external_id: string;
  /** Vault ciphertext (iv:authTag:ciphertext, hex) of the channel's credentials JSON. */
  encrypted_credentials: string;
  label: string | null;
  is_active: boolean;
  created_at: Date;
  updated_at: Date;
}

const columns =
  'id, workspace_id, channel, external_id, encrypted_credentials, label, is_active, created_at, updated_at';

/** Connects an external app to a workspace, or rebinds, re-keys and reactivates the existing one. */
export async function upsertChannelConnection(
  sql: SqlExecutor,
  input: {
    workspaceId: string;
    channel: ConnectedChannel;
    externalId: string;
    encryptedCredentials: string;
    label?: string | undefined;
  },
): Promise<ChannelConnectionRow> {
  const [row] = await sql.query<ChannelConnectionRow>(
    `INSERT INTO channel_connections (workspace_id, channel, external_id, encrypted_credentials, label)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (channel, external_id) DO UPDATE
       SET workspace_id = EXCLUDED.workspace_id, encrypted_credentials = EXCLUDED.encrypted_credentials,
           label = coalesce(EXCLUDED.label, channel_connections.label), is_active = true
     RETURNING ${columns}`,
    [input.workspaceId, input.channel, input.externalId, input.encryptedCredentials, input.label ?? null],
  );
  if (!row) throw new Error('upsert returned no row');
  return row;
}

/** The active connection for an external id (e.g. the Slack team of an event), or null. */
export async function findChannelConnection(
  sql: SqlExecutor,
  channel: ConnectedChannel,
  externalId: string,
): Promise<ChannelConnectionRow | null> {
  const [row] = await sql.query<ChannelConnectionRow>(
    `SELECT ${columns} FROM channel_connections WHERE channel = $1 AND external_id = $2 AND is_active`,
    [channel, externalId],
  );
  return row ?? null;
}

/** Connections of one channel, optionally of one workspace; active ones only unless asked. */
export async function listChannelConnections(
  sql: SqlExecutor,
  channel: ConnectedChannel,
  options: { workspaceId?: string | undefined; includeInactive?: boolean } = {},
): Promise<ChannelConnectionRow[]> {
  return sql.query<ChannelConnectionRow>(
    `SELECT ${columns} FROM channel_connections
     WHERE channel = $1 AND ($2::uuid IS NULL OR workspace_id = $2) AND (is_active OR $3)
     ORDER BY created_at`,
    [channel, options.workspaceId ?? null, options.includeInactive === true],
  );
}

/** Turns a connection on or off (soft disable); false when the workspace has no such connection. */
export async function setChannelConnectionActive(
  sql: SqlExecutor,
  workspaceId: string,
  id: string,
  active: boolean,
): Promise<boolean> {
  const rows = await sql.query(
    'UPDATE channel_connections SET is_active = $3 WHERE id = $1 AND workspace_id = $2 RETURNING id',
    [id, workspaceId, active],
  );
  return rows.length > 0;
}

/** Removes a connection; false when the workspace has no such connection. */
export async function deleteChannelConnection(
  sql: SqlExecutor,
  workspaceId: string,
  id: string,
): Promise<boolean> {
  const rows = await sql.query(
    'DELETE FROM channel_connections WHERE id = $1 AND workspace_id = $2 RETURNING id',
    [id, workspaceId],
  );
  return rows.length > 0;
}

/** Records a handled channel event (Slack event_id, Teams activity id); false when it was recorded before. */
export async function claimChannelEvent(
  sql: SqlExecutor,
  channel: ConnectedChannel,
  eventId: string,
  workspaceId: string | null,
): Promise<boolean> {
  const rows = await sql.query(
    `INSERT INTO channel_events (channel, event_id, workspace_id) VALUES ($1, $2, $3)
     ON CONFLICT (channel, event_id) DO NOTHING RETURNING event_id`,
    [channel, eventId, workspaceId],
  );
  return rows.length === 1;
}

/** Whether any active connection of this channel exists (e.g. a Teams bot: then every request needs a token). */
export async function hasChannelConnections(sql: SqlExecutor, channel: ConnectedChannel): Promise<boolean> {
  const [row] = await sql.query<{ found: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM channel_connections WHERE channel = $1 AND is_active) AS found',
    [channel],
  );
  return row?.found === true;
}

/** Forgets a channel event whose handling failed, so its redelivery is answered. */
export async function releaseChannelEvent(
  sql: SqlExecutor,
  channel: ConnectedChannel,
  eventId: string,
): Promise<void> {
  await sql.query('DELETE FROM channel_events WHERE channel = $1 AND event_id = $2', [channel, eventId]);
}
