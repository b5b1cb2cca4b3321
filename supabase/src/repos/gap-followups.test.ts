import { randomUUID } from 'node:crypto';
import type { ChatMessage } from '@clara/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { createTestDatabase } from '../testing';
import { claimDueFollowups, listGapFollowups, markFollowupFailed, markFollowupSent } from './gap-followups';
import { createUser } from './users';
import { createWorkspace } from './workspaces';

// The outbox on the real migrations (PGlite; native Postgres under scripts/test-postgres.sh):
// what the trigger writes with a resolution, and claims that never hand a row to two senders.
let db: Database;
let ws: string;
let pairId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  ws = (await createWorkspace(db, (await createUser(db, `fu-${randomUUID()}@example.com`, 'x')).id)).id;
  const [pair] = await db.query<{ id: string }>(
    `INSERT INTO qa_pairs (workspace_id, question, answer) VALUES ($1, 'Dogs?', 'Dogs on a lead are welcome.') RETURNING id`,
    [ws],
  );
  pairId = pair?.id ?? '';
});
afterAll(() => db.close());

/** A gap asked in a session of `channel` (web when null). */
async function gapIn(channel: string | null, workspaceId = ws): Promise<string> {
  const metadata =
    channel === 'slack'
      ? { channel, slack: { team_id: 'T1', channel_id: 'C1', user_id: 'U1', thread_ts: '1.2' } }
      : channel
        ? { channel }
        : {};
  const [session] = await db.query<{ id: string }>(
    'INSERT INTO chat_sessions (workspace_id, session_token, metadata) VALUES ($1, $2, $3::jsonb) RETURNING id',
    [workspaceId, `${channel ?? 'web'}:${randomUUID()}`, JSON.stringify(metadata)],
  );
  const [gap] = await db.query<{ id: string }>(
    'INSERT INTO qa_gaps (workspace_id, question, session_id) VALUES ($1, $2, $3) RETURNING id',
    [workspaceId, `Question ${randomUUID()}?`, session?.id],
  );
  return gap?.id ?? '';
}

const resolve = (gapId: string, extra = '') =>
  db.query(`UPDATE qa_gaps SET status = 'resolved', resolved_qa_id = $2 ${extra} WHERE id = $1`, [
    gapId,
    pairId,
  ]);
const rowOf = async (gapId: string) => (await listGapFollowups(db, ws)).find((f) => f.gap_id === gapId);

describe('gap_followups', () => {
  it('is written when a Slack or Teams gap is resolved, once, and for nothing else', async () => {
    const slack = await gapIn('slack');
    const teams = await gapIn('teams');
    const web = await gapIn(null);
    const dismissed = await gapIn('slack');
    const chosen = await gapIn('slack');
    await resolve(slack);
    await resolve(teams);
    await resolve(web);
    await db.query(`UPDATE qa_gaps SET status = 'dismissed' WHERE id = $1`, [dismissed]);
    await resolve(chosen, ', chosen_qa_id = $2, chosen_at = now()');
    // Re-resolving (open again by hand, then resolved) never writes a second row.
    await db.query(`UPDATE qa_gaps SET status = 'open' WHERE id = $1`, [slack]);
    await resolve(slack);
    expect(await rowOf(slack)).toMatchObject({ channel: 'slack', status: 'pending', attempts: 0 });
    expect(await rowOf(teams)).toMatchObject({ channel: 'teams', status: 'pending' });
    for (const id of [web, dismissed, chosen]) expect(await rowOf(id)).toBeUndefined();
    expect((await listGapFollowups(db, ws)).filter((f) => f.gap_id === slack)).toHaveLength(1);
  });

  it('is not written when the workspace switched follow-ups off, or when the resolution rolls back', async () => {
    await db.query(
      `UPDATE workspaces SET settings = settings || '{"followups_enabled": false}' WHERE id = $1`,
      [ws],
    );
    const off = await gapIn('slack');
    await resolve(off);
    await db.query(`UPDATE workspaces SET settings = settings - 'followups_enabled' WHERE id = $1`, [ws]);
    const rolledBack = await gapIn('teams');
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`UPDATE qa_gaps SET status = 'resolved', resolved_qa_id = $2 WHERE id = $1`, [
          rolledBack,
          pairId,
        ]);
        throw new Error('the owner’s request failed after the update');
      }),
    ).rejects.toThrow();
    expect(await rowOf(off)).toBeUndefined();
    expect(await rowOf(rolledBack)).toBeUndefined();
  });

  it('hands each due row to one claimer, even when several claim at once', async () => {
    await db.query(`UPDATE gap_followups SET status = 'sent' WHERE workspace_id = $1`, [ws]);
    const ids = [];
    for (let i = 0; i < 12; i++) {
      const gap = await gapIn(i % 2 ? 'slack' : 'teams');
      await resolve(gap);
      ids.push(gap);
    }
    const claims = await Promise.all(
      Array.from({ length: 6 }, () => claimDueFollowups(db, { limit: 4, leaseSeconds: 60 })),
    );
    const claimed = claims.flat().map((c) => c.gap_id);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.sort()).toEqual([...ids].sort());
    for (const c of claims.flat()) {
      expect(c).toMatchObject({ attempts: 1, answer: 'Dogs on a lead are welcome.', qa_id: pairId });
      expect(c.session_token).toMatch(/^(slack|teams):/);
    }
    const slackClaim = claims.flat().find((c) => c.channel === 'slack');
    expect(slackClaim?.metadata).toMatchObject({ slack: { channel_id: 'C1', thread_ts: '1.2' } });
    // Claimed and within their lease: nobody else gets them.
    expect(await claimDueFollowups(db, { limit: 100, leaseSeconds: 60 })).toEqual([]);
  });

  it('lets a row whose sender vanished be claimed again after its lease, and retries only when due', async () => {
    const gap = await gapIn('slack');
    await resolve(gap);
    const [first] = (await claimDueFollowups(db, { limit: 100, leaseSeconds: 0.2 })).filter(
      (c) => c.gap_id === gap,
    );
    expect(first?.attempts).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    const [again] = (await claimDueFollowups(db, { limit: 100, leaseSeconds: 60 })).filter(
      (c) => c.gap_id === gap,
    );
    expect(again?.attempts).toBe(2);

    if (!again) throw new Error('not claimed again');
    expect(await markFollowupFailed(db, again, 'internal_error', 60_000)).toBe(true);
    expect(await rowOf(gap)).toMatchObject({ status: 'pending', attempts: 2, last_error: 'internal_error' });
    expect(
      (await claimDueFollowups(db, { limit: 100, leaseSeconds: 60 })).map((c) => c.gap_id),
    ).not.toContain(gap);

    await db.query('UPDATE gap_followups SET next_attempt_at = now() WHERE gap_id = $1', [gap]);
    const [third] = (await claimDueFollowups(db, { limit: 100, leaseSeconds: 60 })).filter(
      (c) => c.gap_id === gap,
    );
    if (!third) throw new Error('not claimed a third time');
    expect(await markFollowupFailed(db, third, 'channel_not_found', null)).toBe(true);
    expect(await rowOf(gap)).toMatchObject({
      status: 'failed',
      attempts: 3,
      last_error: 'channel_not_found',
    });
  });

  it('marks a row sent and stores the message in the session once', async () => {
    const gap = await gapIn('teams');
    await resolve(gap);
    const [claim] = (await claimDueFollowups(db, { limit: 100, leaseSeconds: 60 })).filter(
      (c) => c.gap_id === gap,
    );
    const message: ChatMessage = {
      message_id: randomUUID(),
      role: 'assistant',
      content: 'Dogs on a lead are welcome.',
      timestamp: new Date().toISOString(),
    };
    if (!claim) throw new Error('not claimed');
    expect(await markFollowupSent(db, claim, message)).toBe(true);
    expect(await markFollowupSent(db, claim, message)).toBe(false);
    expect(await rowOf(gap)).toMatchObject({ status: 'sent', attempts: 1 });
    const [session] = await db.query<{ messages: ChatMessage[] }>(
      'SELECT messages FROM chat_sessions WHERE id = $1',
      [claim?.session_id],
    );
    expect(session?.messages.filter((m) => m.message_id === message.message_id)).toHaveLength(1);
  });

  it('marks a row only for the sender whose claim it still is (a lease taken over is not marked twice)', async () => {
    const gap = await gapIn('slack');
    await resolve(gap);
    const [stale] = (await claimDueFollowups(db, { limit: 100, leaseSeconds: 0.2 })).filter(
      (c) => c.gap_id === gap,
    );
    await new Promise((r) => setTimeout(r, 300));
    const [current] = (await claimDueFollowups(db, { limit: 100, leaseSeconds: 60 })).filter(
      (c) => c.gap_id === gap,
    );
    if (!stale || !current) throw new Error('not claimed twice');
    const message = (id: string): ChatMessage => ({
      message_id: id,
      role: 'assistant',
      content: 'Dogs on a lead are welcome.',
      timestamp: new Date().toISOString(),
    });
    // The first sender finishes late: the row is the second sender's, nothing is written.
    expect(await markFollowupSent(db, stale, message(randomUUID()))).toBe(false);
    expect(await markFollowupFailed(db, stale, 'late_error', null)).toBe(false);
    expect(await rowOf(gap)).toMatchObject({ status: 'sending', attempts: 2, last_error: null });
    const kept = randomUUID();
    expect(await markFollowupSent(db, current, message(kept))).toBe(true);
    expect(await markFollowupFailed(db, stale, 'late_error', 60_000)).toBe(false);
    expect(await rowOf(gap)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    const [session] = await db.query<{ messages: ChatMessage[] }>(
      'SELECT messages FROM chat_sessions WHERE id = $1',
      [current.session_id],
    );
    expect(session?.messages.map((m) => m.message_id)).toEqual([kept]);
  });
});
