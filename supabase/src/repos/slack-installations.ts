import type { SqlExecutor } from '../database';
import type { ChannelConnectionRow, ConnectedChannel } from './channel-connections';

const columns =
  'id, workspace_id, channel, external_id, encrypted_credentials, label, is_active, created_at, updated_at';

/** Remembers an "Add to Slack" state (its hash) for the workspace whose owner started the install. */
export async function createSlackOAuthState(
  sql: SqlExecutor,
  input: { stateHash: string; workspaceId: string; expiresAt: Date },
): Promise<void> {
  // Expired states are forgotten as new ones start, so the table stays small.
  await sql.query('DELETE FROM slack_oauth_states WHERE expires_at < now()');
  await sql.query(
    'INSERT INTO slack_oauth_states (state_hash, workspace_id, expires_at) VALUES ($1, $2, $3)',
    [input.stateHash, input.workspaceId, input.expiresAt],
  );
}

/**
 * Uses a state once: deletes it and returns its workspace while it has not expired; null when it
 * is unknown, already used or expired (an expired one is deleted too).
 */
export async function consumeSlackOAuthState(
  sql: SqlExecutor,
  stateHash: string,
): Promise<{ workspaceId: string } | null> {
  const [row] = await sql.query<{ workspace_id: string; fresh: boolean }>(
    'DELETE FROM slack_oauth_states WHERE state_hash = $1 RETURNING workspace_id, expires_at > now() AS fresh',
    [stateHash],
  );
  return row?.fresh ? { workspaceId: row.workspace_id } : null;
}

/** The connection for an external id, active or not (an uninstalled Slack team's events are still verified). */
export async function findChannelConnectionAnyState(
  sql: SqlExecutor,
  channel: ConnectedChannel,
  externalId: string,
): Promise<ChannelConnectionRow | null> {
  const [row] = await sql.query<ChannelConnectionRow>(
    `SELECT ${columns} FROM channel_connections WHERE channel = $1 AND external_id = $2`,
    [channel, externalId],
  );
  return row ?? null;
}

/** The active connection, locked for a credentials update (a token refresh) until the transaction ends. */
export async function lockChannelConnection(
  sql: SqlExecutor,
  id: string,
): Promise<ChannelConnectionRow | null> {
  const [row] = await sql.query<ChannelConnectionRow>(
    `SELECT ${columns} FROM channel_connections WHERE id = $1 AND is_active FOR UPDATE`,
    [id],
  );
  return row ?? null;
}

/** Replaces a connection's sealed credentials (e.g. a refreshed Slack token). */
export async function updateChannelConnectionCredentials(
  sql: SqlExecutor,
  id: string,
  encryptedCredentials: string,
): Promise<void> {
  await sql.query('UPDATE channel_connections SET encrypted_credentials = $2 WHERE id = $1', [
    id,
    encryptedCredentials,
  ]);
}

/**
 * Deactivates the connection of an external id bound to this workspace (Slack's app_uninstalled,
 * tokens_revoked); false when there was no active one.
 */
export async function deactivateChannelConnection(
  sql: SqlExecutor,
  input: { channel: ConnectedChannel; externalId: string; workspaceId: string },
): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE channel_connections SET is_active = false
     WHERE channel = $1 AND external_id = $2 AND workspace_id = $3 AND is_active RETURNING id`,
    [input.channel, input.externalId, input.workspaceId],
  );
  return rows.length > 0;
}
