import type { SqlExecutor } from '../database';

/**
 * Deletes up to `limit` Slack/Teams event claims (`channel_events`) received before `cutoff`,
 * oldest first, and returns how many went. A claim only has to outlive the provider's
 * redeliveries (minutes), so old ones are kept only as long as the caller's retention window.
 * Rows another statement holds (a claim being released) are skipped, so pruning never waits on
 * a turn.
 */
export async function pruneChannelEvents(sql: SqlExecutor, cutoff: Date, limit = 5_000): Promise<number> {
  const rows = await sql.query(
    `DELETE FROM channel_events WHERE (channel, event_id) IN (
       SELECT channel, event_id FROM channel_events
       WHERE received_at < $1
       ORDER BY received_at
       LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING 1`,
    [cutoff, limit],
  );
  return rows.length;
}
