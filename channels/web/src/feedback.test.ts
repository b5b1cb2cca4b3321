/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { listGaps } from '@clara/supabase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebChannel, type WebChannelHarness } from '../test/web-channel-harness';

// Ratings through the channel's own contract (handle(Request) → Response) over the real engine
// and store. Error statuses and CORS are the host's: server/src/http/chat-feedback.test.ts checks
// them through the real server.
let web: WebChannelHarness;
let workspaceId: string;

const pairs = [
  {
    question: 'What are your opening hours?',
    answer: 'We are open 9 to 5, Monday to Friday.',
    category: 'general',
  },
  {
    question: 'How much does shipping cost?',
    answer: 'Shipping is free over $50, otherwise $5.',
    category: 'pricing',
  },
];

/** One turn in a fresh session: the session token, the user message id and the answer. */
async function turn(message: string) {
  const session_token = randomUUID();
  const message_id = randomUUID();
  const res = await web.request('POST', '/api/chat', {
    workspace_id: workspaceId,
    session_token,
    message_id,
    message,
  });
  expect(res.status).toBe(200);
  const answer = ((await res.json()) as any).message;
  return { session_token, userId: message_id, answer };
}

const rate = (session_token: string, message_id: string, rating: unknown) =>
  web.request('POST', '/api/chat/feedback', { workspace_id: workspaceId, session_token, message_id, rating });

beforeAll(async () => {
  web = await startWebChannel();
  workspaceId = await web.createWorkspace();
  await web.addPairs(workspaceId, pairs);
}, 120_000);

afterAll(() => web?.close());

describe('POST /api/chat/feedback (web channel)', () => {
  it('stores the rating on the answer, is idempotent, allows a change, and history returns it', async () => {
    const t = await turn('What are your opening hours?');
    const up = await rate(t.session_token, t.answer.message_id, 'up');
    expect(up.status).toBe(200);
    const first = ((await up.json()) as any).feedback;
    expect(first).toMatchObject({ message_id: t.answer.message_id, feedback: 'up', gap_filed: false });

    const again = ((await (await rate(t.session_token, t.answer.message_id, 'up')).json()) as any).feedback;
    expect(again.feedback_at).toBe(first.feedback_at);

    const history = async () =>
      (
        (await (
          await web.request(
            'GET',
            `/api/chat/history?workspace_id=${workspaceId}&session_token=${t.session_token}`,
          )
        ).json()) as any
      ).messages;
    expect((await history())[1]).toMatchObject({ message_id: t.answer.message_id, feedback: 'up' });

    expect((await rate(t.session_token, t.answer.message_id, 'down')).status).toBe(200);
    const messages = await history();
    expect(messages).toHaveLength(2);
    expect(messages[1].feedback).toBe('down');
    expect(messages[1].content).toBe(pairs[0]?.answer);
  }, 60_000);

  it('files one gap (question, ai_answer) for a thumbs-down on an answered question', async () => {
    const t = await turn('How much does shipping cost?');
    expect(t.answer.gap_detected).toBe(false);
    const res = ((await (await rate(t.session_token, t.answer.message_id, 'down')).json()) as any).feedback;
    expect(res.gap_filed).toBe(true);

    const t2 = await turn('how much does shipping cost?');
    expect(
      ((await (await rate(t2.session_token, t2.answer.message_id, 'down')).json()) as any).feedback.gap_filed,
    ).toBe(false);

    const gaps = (await listGaps(web.db, workspaceId)).filter((g) => /shipping cost/i.test(g.question));
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ question: 'How much does shipping cost?', ai_answer: pairs[1]?.answer });
    expect(gaps[0]?.best_match_id).toMatch(/^[0-9a-f-]{36}$/);
  }, 60_000);
});
