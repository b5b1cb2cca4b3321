import type { SqlExecutor } from '../database';

/** One token bucket to charge: `capacity` tokens, refilled over a minute. */
export interface RateBucket {
  /** An opaque digest (never an address or session token in clear). */
  key: string;
  capacity: number;
}

export interface ChatAdmissionInput {
  workspaceId: string;
  sessionToken: string;
  messageId: string;
  /** Charged together: one token from each, or none. Keys must differ. */
  buckets: readonly RateBucket[];
  /** The clock (tests); the database's clock by default, the same for every instance. */
  at?: Date;
}

/** `retry`: the message is already stored (not charged); `admitted`; or `limited` with the wait. */
export type ChatAdmissionResult =
  | { kind: 'retry' }
  | { kind: 'admitted' }
  | { kind: 'limited'; waitSeconds: number };

// Tokens of bucket `r` refilled up to `excluded.refilled_at` (the bucket as the caller sees it now).
const refilled = `least(excluded.capacity, r.tokens
  + greatest(0, extract(epoch FROM excluded.refilled_at - r.refilled_at)) * excluded.capacity / 60.0)`;

// One statement: a message already in the session is a retry (free); otherwise each bucket
// gives a token if it has one. ON CONFLICT ... WHERE sees the row's latest version under
// its lock, so concurrent admissions on several instances cannot overdraw a bucket.
const admitSql = `
WITH retry AS (
  SELECT EXISTS (
    SELECT 1 FROM chat_sessions
    WHERE workspace_id = $1::uuid AND session_token = $2
      AND messages @> jsonb_build_array(jsonb_build_object('message_id', $3::text))
  ) AS seen
), wanted AS (
  SELECT k.key, k.capacity, coalesce($6::timestamptz, statement_timestamp()) AS at
  FROM unnest($4::text[], $5::int[]) AS k(key, capacity)
), taken AS (
  INSERT INTO chat_rate_limits AS r (key, capacity, tokens, refilled_at)
  SELECT key, capacity, capacity - 1, at FROM wanted WHERE NOT (SELECT seen FROM retry)
  ON CONFLICT (key) DO UPDATE SET
    tokens = ${refilled} - 1,
    capacity = excluded.capacity,
    refilled_at = greatest(r.refilled_at, excluded.refilled_at)
  WHERE ${refilled} >= 1
  RETURNING r.key
)
SELECT w.key, (SELECT seen FROM retry) AS retry, w.key IN (SELECT key FROM taken) AS taken
FROM wanted w`;

// The refused buckets as they are now (after any concurrent admission), for the wait.
const bucketsSql = `
SELECT key, capacity, least(capacity, tokens
  + greatest(0, extract(epoch FROM coalesce($2::timestamptz, statement_timestamp()) - refilled_at)) * capacity / 60.0
)::float8 AS tokens
FROM chat_rate_limits WHERE key = ANY($1)`;

interface AdmitRow {
  key: string;
  retry: boolean;
  taken: boolean;
}

/** Seconds until a bucket with `tokens` has a whole token again (at least 1). */
function waitFor(tokens: number, capacity: number): number {
  const seconds = ((1 - tokens) * 60) / capacity;
  // The tokens are a float: 5.0000001 s is 5 s, not 6.
  return Math.max(1, Math.ceil(seconds - 1e-6));
}

/**
 * Admits a new chat message against token buckets stored in `chat_rate_limits`, so every
 * instance sharing the database counts together. A message already stored in the session
 * (a client retry) is never charged. When any bucket is empty, nothing is charged.
 */
export async function admitChatMessage(
  sql: SqlExecutor,
  input: ChatAdmissionInput,
): Promise<ChatAdmissionResult> {
  const rows = await sql.query<AdmitRow>(admitSql, [
    input.workspaceId,
    input.sessionToken,
    input.messageId,
    input.buckets.map((b) => b.key),
    input.buckets.map((b) => b.capacity),
    input.at ?? null,
  ]);
  if (rows[0]?.retry) return { kind: 'retry' };
  const refused = rows.filter((r) => !r.taken).map((r) => r.key);
  if (refused.length === 0) return { kind: 'admitted' };
  const charged = rows.filter((r) => r.taken).map((r) => r.key);
  if (charged.length > 0) {
    // Give back what this refused message took from the other buckets.
    await sql.query('UPDATE chat_rate_limits SET tokens = least(capacity, tokens + 1) WHERE key = ANY($1)', [
      charged,
    ]);
  }
  const buckets = await sql.query<{ capacity: number; tokens: number }>(bucketsSql, [
    refused,
    input.at ?? null,
  ]);
  // A bucket deleted meanwhile is full again: the shortest wait.
  const wait = Math.max(1, ...buckets.map((b) => waitFor(Number(b.tokens), b.capacity)));
  return { kind: 'limited', waitSeconds: wait };
}

/**
 * Deletes buckets idle for a minute or more (they are full again and carry no information),
 * up to `limit` a call. Rows an admission holds are skipped, so pruning never waits on (or
 * deadlocks with) the chat.
 */
export async function pruneChatRateLimits(sql: SqlExecutor, at?: Date, limit = 10_000): Promise<number> {
  const rows = await sql.query(
    `DELETE FROM chat_rate_limits WHERE key IN (
       SELECT key FROM chat_rate_limits
       WHERE refilled_at < coalesce($1::timestamptz, statement_timestamp()) - interval '1 minute'
       LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING 1`,
    [at ?? null, limit],
  );
  return rows.length;
}
