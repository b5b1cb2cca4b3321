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
  /**
   * When the first attempt that may have been delivered started (its outcome was unknown:
   * timeout, reset, 5xx), in epoch milliseconds; null when no attempt may have reached the asker.
   */
  maybe_sent_since_ms: number | null;
}

/**
 * Claims up to `limit` due follow-ups for this instance: waiting ones whose time has come, and
 * ones another sender claimed but never started sending within its lease (a lease that ran out
 * after `beginFollowupSend` is never taken over: see `giveUpLostFollowups`). Rows another
 * instance is claiming at the same moment are skipped (SKIP LOCKED), and the claim is a
 * conditional UPDATE, so each row goes to one sender at a time. Each claim counts an attempt.
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
           AND (status = 'pending'
                OR (status = 'sending' AND claimed_until < now() AND send_started_at IS NULL))
         ORDER BY next_attempt_at
         LIMIT $1
         FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE gap_followups f
         SET status = 'sending', attempts = f.attempts + 1,
             claimed_until = now() + make_interval(secs => $2)
         FROM due WHERE f.id = due.id
           AND (f.status = 'pending'
                OR (f.status = 'sending' AND f.claimed_until < now() AND f.send_started_at IS NULL))
         RETURNING f.*
       )
       SELECT c.id, c.workspace_id, c.gap_id, c.session_id, s.session_token, c.channel, c.question,
         c.answer, c.qa_id, c.attempts, coalesce(s.metadata, '{}'::jsonb) AS metadata,
         (extract(epoch FROM c.maybe_sent_since) * 1000)::float8 AS maybe_sent_since_ms
       FROM claimed c JOIN chat_sessions s ON s.id = c.session_id`,
      [options.limit, options.leaseSeconds],
    ),
  );
}

/**
 * A claim, as `claimDueFollowups` returned it: every claim counts an attempt, so the row is still
 * this sender's while it is `sending` with that many attempts (a claim whose lease ran out and
 * was taken by another sender has fewer).
 */
export type FollowupClaim = Pick<ClaimedFollowup, 'id' | 'attempts'>;

/** A given-up follow-up's state while its sender's outcome is unknown (a late outcome still counts). */
const outcomeUnknown = `(status = 'sending' OR (status = 'failed' AND last_error = 'send_outcome_unknown'))`;

/**
 * Marks the claim as sending, just before the channel is called: only while it is still this
 * sender's and its lease holds (false: do not send, the row is or may become another's). Once
 * marked, the row is never claimed again, so no second sender ever posts it.
 */
export async function beginFollowupSend(sql: SqlExecutor, claim: FollowupClaim): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE gap_followups SET send_started_at = clock_timestamp()
     WHERE id = $1 AND status = 'sending' AND attempts = $2 AND send_started_at IS NULL
       AND claimed_until > clock_timestamp()
     RETURNING id`,
    [claim.id, claim.attempts],
  );
  return rows.length > 0;
}

/** A follow-up given up because its sender stopped between starting to send and recording the outcome. */
export interface LostFollowup {
  id: string;
  workspace_id: string;
  gap_id: string;
  channel: string;
  attempts: number;
}

/**
 * Gives up the follow-ups whose sender started sending and then neither marked them sent nor
 * failed within its lease (it died or stalled): the message may have reached the asker, so
 * it is not sent again ('failed', last_error 'send_outcome_unknown').
 */
export async function giveUpLostFollowups(sql: SqlExecutor): Promise<LostFollowup[]> {
  return sql.query<LostFollowup>(
    `UPDATE gap_followups SET status = 'failed', last_error = 'send_outcome_unknown', claimed_until = NULL
     WHERE status = 'sending' AND send_started_at IS NOT NULL AND claimed_until < now()
     RETURNING id, workspace_id, gap_id, channel, attempts`,
  );
}

/**
 * Marks a claimed follow-up sent and appends the message Clara sent to the asker's session
 * (once: skipped if a message with its id is there), so its thumbs are rated like any answer.
 * Only while the claim is still this sender's: false (nothing written) once another took it.
 */
export async function markFollowupSent(
  db: Database,
  claim: FollowupClaim,
  message: ChatMessage,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ session_id: string }>(
      `UPDATE gap_followups SET status = 'sent', sent_at = now(), claimed_until = NULL, last_error = NULL
       WHERE id = $1 AND ${outcomeUnknown} AND attempts = $2 RETURNING session_id`,
      [claim.id, claim.attempts],
    );
    if (!row) return false;
    await tx.query(
      `UPDATE chat_sessions SET messages = messages || jsonb_build_array($2::jsonb)
       WHERE id = $1 AND NOT messages @> jsonb_build_array(jsonb_build_object('message_id', $3::text))`,
      [row.session_id, JSON.stringify(message), message.message_id],
    );
    return true;
  });
}

/**
 * A failed attempt: tried again at `retryInMs` from now, or given up (`retryInMs` null). Only
 * while the claim is still this sender's (false otherwise: a later claim's outcome stands).
 * `maybeDelivered`: the attempt's outcome is unknown (the request may have landed), so
 * `maybe_sent_since` keeps the start of the earliest such attempt for the next one to look from.
 */
export async function markFollowupFailed(
  sql: SqlExecutor,
  claim: FollowupClaim,
  error: string,
  retryInMs: number | null,
  maybeDelivered = false,
): Promise<boolean> {
  // Right-hand sides read the row as it was: send_started_at is this attempt's start.
  const rows = await sql.query(
    `UPDATE gap_followups
     SET status = CASE WHEN $3::float8 IS NULL THEN 'failed' ELSE 'pending' END,
         next_attempt_at = CASE WHEN $3::float8 IS NULL THEN next_attempt_at
                                ELSE now() + make_interval(secs => $3::float8 / 1000) END,
         claimed_until = NULL, last_error = left($2, 500), send_started_at = NULL,
         maybe_sent_since = CASE WHEN $5::boolean
                                 THEN coalesce(maybe_sent_since, send_started_at, now())
                                 ELSE maybe_sent_since END
     WHERE id = $1 AND ${outcomeUnknown} AND attempts = $4
     RETURNING id`,
    [claim.id, error, retryInMs, claim.attempts, maybeDelivered],
  );
  return rows.length > 0;
}

/** Hands back a claimed follow-up that was not attempted (the instance is stopping): due again at once. */
export async function releaseFollowup(sql: SqlExecutor, id: string): Promise<void> {
  await sql.query(
    `UPDATE gap_followups SET status = 'pending', attempts = greatest(attempts - 1, 0), claimed_until = NULL
     WHERE id = $1 AND status = 'sending' AND send_started_at IS NULL`,
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
