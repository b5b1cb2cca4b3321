import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { createTestDatabase } from '../testing';
import {
  beginFollowupSend,
  type ClaimedFollowup,
  claimDueFollowups,
  markFollowupFailed,
} from './gap-followups';
import { createUser } from './users';
import { createWorkspace } from './workspaces';

// maybe_sent_since on the real migrations (PGlite; native Postgres under scripts/test-postgres.sh):
// the start of the earliest attempt whose outcome was unknown, handed to every later claim.
let db: Database;
let ws: string;

beforeAll(async () => {
  db = await createTestDatabase();
  ws = (await createWorkspace(db, (await createUser(db, `ms-${randomUUID()}@example.com`, 'x')).id)).id;
});
afterAll(() => db.close());

/** A Slack gap resolved by the owner: its follow-up is pending. */
async function pendingFollowup(): Promise<string> {
  const [pair] = await db.query<{ id: string }>(
    `INSERT INTO qa_pairs (workspace_id, question, answer) VALUES ($1, $2, 'Yes.') RETURNING id`,
    [ws, `Pair ${randomUUID()}?`],
  );
  const [session] = await db.query<{ id: string }>(
    `INSERT INTO chat_sessions (workspace_id, session_token, metadata)
     VALUES ($1, $2, '{"channel":"slack"}'::jsonb) RETURNING id`,
    [ws, `slack:${randomUUID()}`],
  );
  const [gap] = await db.query<{ id: string }>(
    'INSERT INTO qa_gaps (workspace_id, question, session_id) VALUES ($1, $2, $3) RETURNING id',
    [ws, `Question ${randomUUID()}?`, session?.id],
  );
  await db.query(`UPDATE qa_gaps SET status = 'resolved', resolved_qa_id = $2 WHERE id = $1`, [
    gap?.id,
    pair?.id,
  ]);
  return gap?.id ?? '';
}

/** Claims the gap's follow-up and marks it sending, as the dispatcher does before calling the channel. */
async function attempt(gapId: string): Promise<ClaimedFollowup> {
  const claimed = (await claimDueFollowups(db, { limit: 50, leaseSeconds: 60 })).find(
    (f) => f.gap_id === gapId,
  );
  if (!claimed) throw new Error('not claimed');
  expect(await beginFollowupSend(db, claimed)).toBe(true);
  return claimed;
}

describe('gap_followups.maybe_sent_since', () => {
  it('keeps the start of the earliest attempt that may have been delivered, through clear failures', async () => {
    const gapId = await pendingFollowup();
    const first = await attempt(gapId);
    expect(first.maybe_sent_since_ms).toBeNull();
    const before = Date.now();
    // A clear failure (nothing posted) leaves it unset.
    expect(await markFollowupFailed(db, first, 'econnrefused', 0)).toBe(true);
    const second = await attempt(gapId);
    expect(second.maybe_sent_since_ms).toBeNull();
    // A timeout: this attempt may have landed.
    expect(await markFollowupFailed(db, second, 'timeout', 0, true)).toBe(true);
    const third = await attempt(gapId);
    const since = third.maybe_sent_since_ms;
    expect(typeof since).toBe('number');
    expect(Math.abs(Number(since) - before)).toBeLessThan(60_000);
    // A clear failure of the look-up, then another ambiguous attempt: still the earliest start.
    expect(await markFollowupFailed(db, third, 'lookup_ratelimited', 0)).toBe(true);
    const fourth = await attempt(gapId);
    expect(fourth.maybe_sent_since_ms).toBe(since);
    expect(await markFollowupFailed(db, fourth, 'http_502', 0, true)).toBe(true);
    expect((await attempt(gapId)).maybe_sent_since_ms).toBe(since);
  });
});
