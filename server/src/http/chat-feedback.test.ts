/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';

let server: TestServer;
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

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** One turn in a fresh session: the session token, the user message id and the answer. */
async function turn(message: string) {
  const session_token = randomUUID();
  const message_id = randomUUID();
  const res = await post('/api/chat', { workspace_id: workspaceId, session_token, message_id, message });
  expect(res.status).toBe(200);
  const answer = ((await res.json()) as any).message;
  return { session_token, userId: message_id, answer };
}

const rate = (session_token: string, message_id: string, rating: unknown) =>
  post('/api/chat/feedback', { workspace_id: workspaceId, session_token, message_id, rating });

beforeAll(async () => {
  server = await startTestServer();
  ({ workspaceId } = await server.createWorkspace());
  await server.addPairs(workspaceId, pairs);
});
afterAll(() => server.close());

// Storing, history and gap filing are the web channel's own: channels/web/src/feedback.test.ts.
// Here, through the real server, the error mapping of the same route.
describe('POST /api/chat/feedback', () => {
  it('answers a rating sent from a website with its CORS headers', async () => {
    const t = await turn('What are your opening hours?');
    const up = await post(
      '/api/chat/feedback',
      {
        workspace_id: workspaceId,
        session_token: t.session_token,
        message_id: t.answer.message_id,
        rating: 'up',
      },
      { origin: 'https://shop.example' },
    );
    expect(up.status).toBe(200);
    expect(up.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });

  it('404 for an unknown message or session, 400 for a user message or bad input, never 500', async () => {
    const t = await turn('What are your opening hours?');
    const cases: [Response, number, string][] = [
      [await rate(t.session_token, randomUUID(), 'up'), 404, 'not_found'],
      [await rate(randomUUID(), t.answer.message_id, 'up'), 404, 'not_found'],
      [await rate(t.session_token, t.userId, 'up'), 400, 'bad_request'],
      [await rate(t.session_token, t.answer.message_id, 'meh'), 400, 'validation_failed'],
      [await rate(t.session_token, 'nope', 'up'), 400, 'validation_failed'],
      [
        await post('/api/chat/feedback', {
          workspace_id: randomUUID(),
          session_token: t.session_token,
          message_id: t.answer.message_id,
          rating: 'up',
        }),
        404,
        'workspace_not_found',
      ],
    ];
    for (const [res, status, code] of cases) {
      expect(res.status).toBe(status);
      expect(((await res.json()) as any).error.code).toBe(code);
    }
    const text = await fetch(`${server.url}/api/chat/feedback`, { method: 'POST', body: 'x' });
    expect(text.status).toBe(415);
  });
});
