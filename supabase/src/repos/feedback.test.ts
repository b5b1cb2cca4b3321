import { randomUUID } from 'node:crypto';
import type { AssistantMessage } from '@clara/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { createTestDatabase } from '../testing';
import { recordFeedback } from './feedback';
import { listGaps } from './gaps';
import { beginTurn, completeTurn, sessionHistory } from './sessions';
import { createUser } from './users';
import { createWorkspace } from './workspaces';

let db: Database;
let ws: string;

beforeAll(async () => {
  db = await createTestDatabase();
  ws = (await createWorkspace(db, (await createUser(db, 'fb@example.com', 'x')).id)).id;
});
afterAll(() => db.close());

/** Stores one question and its answer; returns the ids. */
async function exchange(token: string, question: string, answer: string, gap = false) {
  const userId = randomUUID();
  const replyId = randomUUID();
  const now = new Date().toISOString();
  const begun = await db.transaction((tx) =>
    beginTurn(tx, {
      workspaceId: ws,
      sessionToken: token,
      replyId,
      userMessage: { message_id: userId, role: 'user', content: question, timestamp: now },
    }),
  );
  const reply: AssistantMessage = {
    message_id: replyId,
    role: 'assistant',
    content: answer,
    timestamp: now,
    suggestion_chips: [],
    gap_detected: gap,
    matched_qa_ids: [randomUUID()], // a pair that does not exist (deleted since)
    confidence: gap ? 0.2 : 0.9,
    escalation_offered: false,
  };
  await db.transaction((tx) =>
    completeTurn(tx, { workspaceId: ws, sessionId: begun.sessionId, reply, gap: null }),
  );
  return { userId, replyId };
}

const rate = (token: string, messageId: string, rating: 'up' | 'down') =>
  db.transaction((tx) => recordFeedback(tx, { workspaceId: ws, sessionToken: token, messageId, rating }));

describe('recordFeedback', () => {
  it('stores the rating on the answer; repeating it changes nothing; changing it is allowed', async () => {
    const token = randomUUID();
    const { replyId } = await exchange(token, 'Is parking free?', 'Yes, for customers.');
    const first = await rate(token, replyId, 'up');
    expect(first).toMatchObject({ message_id: replyId, feedback: 'up', gap_filed: false });
    const again = await rate(token, replyId, 'up');
    expect(again.feedback_at).toBe(first.feedback_at);
    let history = await sessionHistory(db, ws, token);
    expect(history[1]).toMatchObject({ message_id: replyId, feedback: 'up', feedback_at: first.feedback_at });
    expect(history[1]?.content).toBe('Yes, for customers.');
    await rate(token, replyId, 'down');
    history = await sessionHistory(db, ws, token);
    expect(history).toHaveLength(2);
    expect(history[1]?.feedback).toBe('down');
    expect(history[0]?.feedback).toBeUndefined();
  });

  it('files one gap for a thumbs-down on an answered question (dedup across sessions)', async () => {
    const q = 'Do you deliver on Sundays?';
    const a = await exchange(randomUUID(), q, 'We deliver every day.');
    const tokenB = randomUUID();
    const b = await exchange(tokenB, q.toUpperCase(), 'We deliver every day.');
    const tokenA = (
      await db.query<{ session_token: string }>(
        `SELECT session_token FROM chat_sessions WHERE messages @> $1::jsonb`,
        [JSON.stringify([{ message_id: a.replyId }])],
      )
    )[0]?.session_token as string;
    expect((await rate(tokenA, a.replyId, 'down')).gap_filed).toBe(true);
    expect((await rate(tokenB, b.replyId, 'down')).gap_filed).toBe(false);
    const gaps = (await listGaps(db, ws)).filter((g) => g.question.toLowerCase() === q.toLowerCase());
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ question: q, ai_answer: 'We deliver every day.', best_match_id: null });
    expect(gaps[0]?.session_id).not.toBeNull();
  });

  it('files no gap for a thumbs-down on a gap answer (it is already in the inbox)', async () => {
    const token = randomUUID();
    const q = 'Can I pay in bitcoin?';
    const { replyId } = await exchange(token, q, "I don't have that information yet.", true);
    expect((await rate(token, replyId, 'down')).gap_filed).toBe(false);
    expect((await listGaps(db, ws)).some((g) => g.question === q)).toBe(false);
  });

  it('refuses an unknown message or session (not_found) and a user message (bad_request)', async () => {
    const token = randomUUID();
    const { userId, replyId } = await exchange(token, 'Hello?', 'Hi!');
    await expect(rate(token, randomUUID(), 'up')).rejects.toMatchObject({ code: 'not_found' });
    await expect(rate(randomUUID(), replyId, 'up')).rejects.toMatchObject({ code: 'not_found' });
    await expect(rate(token, userId, 'up')).rejects.toMatchObject({ code: 'bad_request' });
  });
});
