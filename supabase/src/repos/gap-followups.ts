import type { ChatMessage } from '@clara/core';
import type { Database, SqlExecutor } from '../database';

/**
 * A follow-up claimed for sending: the asker's question, the answer the owner gave, and where
 * the question was asked (the session's channel metadata: Slack team/channel/thread, Teams
 * service URL/conversation/bot).
 */
export interface ClaimedFollowup {
  id: string;
  workspace_id: string;
  gap_id: string;
  session_id: string;
  session_token: string;
  channel: 'slack' | 'teams';
  question: string;
  answer: string;
  qa_id: string | null;
  /** Attempts so far, this one included. */
  attempts: number;
  metadata: Record<string, unknown>;
}

/**
 * Claims up to `limit` due follow-ups for this instance: waiting ones whose time has come, and
 * ones another sender claimed but never finished within its lease. Rows another instance is
 * claiming at the same moment are skipped (SKIP LOCKED), and the claim is a conditional UPDATE,
 * so each row goes to one sender at a time. Each claim counts an attempt.
 */
export async function claimDueFollowups(
  db: Database,
  options: { limit: number; leaseSeconds: number },
): Promise<ClaimedFollowup[]> {
  return db.transaction((tx) =>
    tx.query<ClaimedFollowup>(
      `WITH due AS (
         SELECT id FROM gap_followups
         WHERE next_attempt_at <= now()
           AND (status = 'pending' OR (status = 'sending' AND claimed_until < now()))
         ORDER BY next_attempt_at
         LIMIT $1
         FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE gap_followups f
         SET status = 'sending', attempts = f.attempts + 1,
             claimed_until = now() + make_interval(secs => $2)
         FROM due WHERE f.id = due.id
           AND (f.status = 'pending' OR (f.status = 'sending' AND f.claimed_until < now()))
         RETURNING f.*
       )
       SELECT c.id, c.workspace_id, c.gap_id, c.session_id, s.session_token, c.channel, c.question,
         c.answer, c.qa_id, c.attempts, coalesce(s.metadata, '{}'::jsonb) AS metadata
       FROM claimed c JOIN chat_sessions s ON s.id = c.session_id`,
      [options.limit, options.leaseSeconds],
    ),
  );
}

/**
 * Marks a claimed follow-up sent and appends the message Clara sent to the asker's session
 * (once: skipped if a message with its id is there), so its thumbs are rated like any answer.
 */
export async function markFollowupSent(db: Database, id: string, message: ChatMessage): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.query<{ session_id: string }>(
      `UPDATE gap_followups SET status = 'sent', sent_at = now(), claimed_until = NULL, last_error = NULL
       WHERE id = $1 RETURNING session_id`,
      [id],
    );
    if (!row) return;
    await tx.query(
      `UPDATE chat_sessions SET messages = messages || jsonb_build_array($2::jsonb)
       WHERE id = $1 AND NOT messages @> jsonb_build_array(jsonb_build_object('message_id', $3::text))`,
      [row.session_id, JSON.stringify(message), message.message_id],
    );
  });
}

/** A failed attempt: tried again at `retryInMs` from now, or given up (`retryInMs` null). */
export async function markFollowupFailed(
  sql: SqlExecutor,
  id: string,
  error: string,
  retryInMs: number | null,
): Promise<void> {
  await sql.query(
    `UPDATE gap_followups
     SET status = CASE WHEN $3::float8 IS NULL THEN 'failed' ELSE 'pending' END,
         next_attempt_at = CASE WHEN $3::float8 IS NULL THEN next_attempt_at
                                ELSE now() + make_interval(secs => $3::float8 / 1000) END,
         claimed_until = NULL, last_error = left($2, 500)
     WHERE id = $1`,
    [id, error, retryInMs],
  );
}

/** Hands back a claimed follow-up that was not attempted (the instance is stopping): due again at once. */
export async function releaseFollowup(sql: SqlExecutor, id: string): Promise<void> {
  await sql.query(
    `UPDATE gap_followups SET status = 'pending', attempts = greatest(attempts - 1, 0), claimed_until = NULL
     WHERE id = $1 AND status = 'sending'`,
    [id],
  );
}

/** A follow-up as stored, for tests and diagnostics. */
export interface GapFollowupRow {
  id: string;
  gap_id: string;
  channel: string;
  status: string;
  attempts: number;
  last_error: string | null;
}

/** The workspace's follow-ups, oldest first. */
export async function listGapFollowups(sql: SqlExecutor, workspaceId: string): Promise<GapFollowupRow[]> {
  return sql.query<GapFollowupRow>(
    `SELECT id, gap_id, channel, status, attempts, last_error FROM gap_followups
     WHERE workspace_id = $1 ORDER BY created_at, id`,
    [workspaceId],
  );
}
