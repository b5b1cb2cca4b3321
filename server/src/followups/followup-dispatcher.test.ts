import { randomUUID } from 'node:crypto';
import { createUser, createWorkspace, type Database, listGapFollowups } from '@clara/supabase';
import { createTestDatabase } from '@clara/supabase/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFollowupDispatcher } from './followup-dispatcher';

// The dispatcher on the real migrations with a channel sender that waits until told: stopping
// mid-pass lets the follow-up being sent finish and hands the others back, untried.
let db: Database;
let ws: string;

beforeAll(async () => {
  db = await createTestDatabase();
  ws = (await createWorkspace(db, (await createUser(db, `d-${randomUUID()}@example.com`, 'x')).id)).id;
  const [pair] = await db.query<{ id: string }>(
    `INSERT INTO qa_pairs (workspace_id, question, answer) VALUES ($1, 'Q?', 'A.') RETURNING id`,
    [ws],
  );
  for (let i = 0; i < 3; i++) {
    const [session] = await db.query<{ id: string }>(
      `INSERT INTO chat_sessions (workspace_id, session_token, metadata)
       VALUES ($1, $2, '{"channel":"slack"}'::jsonb) RETURNING id`,
      [ws, `slack:${randomUUID()}`],
    );
    const [gap] = await db.query<{ id: string }>(
      'INSERT INTO qa_gaps (workspace_id, question, session_id) VALUES ($1, $2, $3) RETURNING id',
      [ws, `Question ${i}?`, session?.id],
    );
    await db.query(`UPDATE qa_gaps SET status = 'resolved', resolved_qa_id = $2 WHERE id = $1`, [
      gap?.id,
      pair?.id,
    ]);
  }
});
afterAll(() => db.close());

describe('follow-up dispatcher', () => {
  it('on stop finishes the send in flight and hands back the rest of its claims', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = () => {};
    const sending = new Promise<void>((resolve) => {
      started = resolve;
    });
    const sent: string[] = [];
    const logger = { info: () => {}, warn: () => {}, error: () => {} };
    const dispatcher = createFollowupDispatcher({
      db,
      logger,
      send: async (f) => {
        started();
        await gate;
        sent.push(f.gap_id);
      },
    });
    const pass = dispatcher.runOnce();
    await sending;
    const stopped = dispatcher.stop();
    release();
    await stopped;
    expect(await pass).toEqual({ sent: 1, retried: 0, failed: 0 });
    const rows = await listGapFollowups(db, ws);
    expect(rows.filter((r) => r.status === 'sent')).toEqual([
      expect.objectContaining({ gap_id: sent[0], attempts: 1 }),
    ]);
    expect(rows.filter((r) => r.status === 'pending').map((r) => r.attempts)).toEqual([0, 0]);

    // Another dispatcher (another instance) takes them at once.
    const other = createFollowupDispatcher({ db, logger, send: async () => {} });
    expect(await other.runOnce()).toEqual({ sent: 2, retried: 0, failed: 0 });
  });
});
