import { randomUUID } from 'node:crypto';
import type { AssistantMessage } from '@clara/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { createTestDatabase } from '../testing';
import { recordFeedback } from './feedback';
import { listGaps } from './gaps';
import { beginTurn, completeTurn } from './sessions';
import { createUser } from './users';
import { createWorkspace } from './workspaces';

// Taking a thumbs-down back in the repo: what counts as "the gap it filed, held by nothing else".
// Through the public API and the inbox: server/src/http/chat-feedback-retract.test.ts.
let db: Database;
let ws: string;

beforeAll(async () => {
  db = await createTestDatabase();
  ws = (await createWorkspace(db, (await createUser(db, 'withdraw@example.com', 'x')).id)).id;
});
afterAll(() => db.close());

/** One question and its reply in session `token` (a gap reply files its gap); the reply's id. */
async function exchange(token: string, question: string, answer: string, gap = false) {
  const replyId = randomUUID();
  const now = new Date().toISOString();
  const begun = await db.transaction((tx) =>
    beginTurn(tx, {
      workspaceId: ws,
      sessionToken: token,
      replyId,
      userMessage: { message_id: randomUUID(), role: 'user', content: question, timestamp: now },
    }),
  );
  const reply: AssistantMessage = {
    message_id: replyId,
    role: 'assistant',
    content: answer,
    timestamp: now,
    suggestion_chips: [],
    gap_detected: gap,
    matched_qa_ids: [],
    confidence: gap ? 0.2 : 0.9,
    escalation_offered: false,
  };
  const filed = gap ? { question, aiAnswer: answer, bestMatchId: null, similarityScore: 0.2 } : null;
  await db.transaction((tx) =>
    completeTurn(tx, { workspaceId: ws, sessionId: begun.sessionId, reply, gap: filed }),
  );
  return replyId;
}

const rate = (token: string, messageId: string, rating: 'up' | 'down') =>
  db.transaction((tx) => recordFeedback(tx, { workspaceId: ws, sessionToken: token, messageId, rating }));
const openGapsOf = async (q: string) =>
  (await listGaps(db, ws)).filter((g) => g.question.toLowerCase() === q.toLowerCase());

describe('withdrawing a disliked gap', () => {
  it('keeps the gap while the same session asked the wording again unanswered', async () => {
    const token = randomUUID();
    const q = 'Do you open on Boxing Day?';
    const answered = await exchange(token, q, 'We open every day.');
    expect((await rate(token, answered, 'down')).gap_filed).toBe(true);
    await exchange(token, q, "I don't know that yet.", true);
    await rate(token, answered, 'up');
    expect(await openGapsOf(q)).toHaveLength(1);
  });

  it('keeps a gap this session filed by a gap reply, not by the thumbs-down', async () => {
    const token = randomUUID();
    const q = 'Is there a car park?';
    await exchange(token, q, "I don't know that yet.", true);
    const answered = await exchange(token, q, 'Yes, behind the shop.');
    expect((await rate(token, answered, 'down')).gap_filed).toBe(false);
    await rate(token, answered, 'up');
    expect(await openGapsOf(q)).toHaveLength(1);
  });

  it('withdraws the gap of a thumbs-down on a follow-up (filed under the followed-up question)', async () => {
    const token = randomUUID();
    await exchange(token, 'Hello', 'Hi!');
    const q = 'Do you cater weddings?';
    const followupId = randomUUID();
    await db.query(
      `UPDATE chat_sessions SET messages = messages || $2::jsonb WHERE workspace_id = $1 AND session_token = $3`,
      [
        ws,
        JSON.stringify([
          {
            message_id: followupId,
            role: 'assistant',
            content: 'Yes, for up to 80 guests.',
            timestamp: new Date().toISOString(),
            suggestion_chips: [],
            gap_detected: false,
            followup_of: { question: q },
          },
        ]),
        token,
      ],
    );
    expect((await rate(token, followupId, 'down')).gap_filed).toBe(true);
    expect(await openGapsOf(q)).toHaveLength(1);
    await rate(token, followupId, 'up');
    expect(await openGapsOf(q)).toHaveLength(0);
  });
});
