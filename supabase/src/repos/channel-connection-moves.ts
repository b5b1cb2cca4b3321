import type { SqlExecutor } from '../database';
import type { ConnectedChannel } from './channel-connections';

/**
 * A connection that moved away from a workspace: another workspace connected the same Slack team
 * or Teams app id (written by a trigger on channel_connections). Never names who took it.
 */
export interface ChannelConnectionMoveRow {
  id: string;
  channel: ConnectedChannel;
  external_id: string;
  /** The connection's label when it moved (what this workspace called it). */
  label: string | null;
  moved_at: Date;
}

/** How long a move is shown before it is forgotten, dismissed or not. */
export const channelMoveShownDays = 90;

/**
 * The workspace's undismissed moves of the last 90 days, newest first, one per team or app id
 * (lost, reconnected and lost again is one notice, of the latest move). A move whose team or app
 * id is connected to this workspace again (reconnected since) is no longer news, so left out.
 */
export async function listChannelConnectionMoves(
  sql: SqlExecutor,
  workspaceId: string,
): Promise<ChannelConnectionMoveRow[]> {
  return sql.query<ChannelConnectionMoveRow>(
    `SELECT * FROM (
       SELECT DISTINCT ON (m.channel, m.external_id) m.id, m.channel, m.external_id, m.label, m.moved_at
       FROM channel_connection_moves m
       WHERE m.workspace_id = $1 AND m.dismissed_at IS NULL
         AND m.moved_at > now() - make_interval(days => $2)
         AND NOT EXISTS (
           SELECT 1 FROM channel_connections c
           WHERE c.workspace_id = m.workspace_id AND c.channel = m.channel AND c.external_id = m.external_id)
       ORDER BY m.channel, m.external_id, m.moved_at DESC, m.id
     ) latest
     ORDER BY moved_at DESC, id`,
    [workspaceId, channelMoveShownDays],
  );
}

/**
 * Dismisses one of the workspace's moves (again is fine), with every earlier move of the same team
 * or app id, so no older notice comes back; false when the workspace has no such move.
 */
export async function dismissChannelConnectionMove(
  sql: SqlExecutor,
  workspaceId: string,
  id: string,
): Promise<boolean> {
  const rows = await sql.query(
    `WITH target AS (
       SELECT channel, external_id, moved_at FROM channel_connection_moves WHERE id = $1 AND workspace_id = $2
     )
     UPDATE channel_connection_moves m SET dismissed_at = coalesce(m.dismissed_at, now())
     FROM target t
     WHERE m.workspace_id = $2 AND m.channel = t.channel AND m.external_id = t.external_id
       AND m.moved_at <= t.moved_at
     RETURNING m.id`,
    [id, workspaceId],
  );
  return rows.length > 0;
}
