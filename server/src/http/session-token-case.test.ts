/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { shopPairs } from '@clara/testkit/shop-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';

// A session token is kept as the client sent it (an iOS client's UUID().uuidString is upper
// case) and found by exact match: sessions stored before ids were canonicalised keep working.
let server: TestServer;
let workspaceId: string;

const post = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });

const chat = (session_token: string, message: string) =>
  post('/api/chat', { workspace_id: workspaceId, session_token, message_id: randomUUID(), message });

async function history(session_token: string) {
  const res = await fetch(
    `${server.url}/api/chat/history?workspace_id=${workspaceId}&session_token=${session_token}`,
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as any).messages as { role: string; message_id: string; content: string }[];
}

const storedTokens = async (token: string) =>
  (
    await server.db.query<{ session_token: string }>(
      'SELECT session_token FROM chat_sessions WHERE workspace_id = $1 AND lower(session_token) = lower($2)',
      [workspaceId, token],
    )
  ).map((r) => r.session_token);

beforeAll(async () => {
  server = await startTestServer({
    env: { CLARA_CHAT_RATE_PER_SESSION: '3', CLARA_CHAT_RATE_PER_IP: '100' },
  });
  ({ workspaceId } = await server.createWorkspace());
  await server.addPairs(workspaceId, shopPairs);
});
afterAll(() => server.close());

describe('session tokens in upper case', () => {
  it('a session opened with an upper-case token keeps its history across turns, stored as sent', async () => {
    const token = randomUUID().toUpperCase();
    expect((await chat(token, 'When are you open?')).status).toBe(200);
    expect((await chat(token, 'Where is the shop?')).status).toBe(200);
    const messages = await history(token);
    expect(messages.map((m) => m.content).filter((_, i) => i % 2 === 0)).toEqual([
      'When are you open?',
      'Where is the shop?',
    ]);
    expect(await storedTokens(token)).toEqual([token]);
  });

  it('a session stored earlier under an upper-case token keeps its history and its feedback', async () => {
    const token = randomUUID().toUpperCase();
    const first = (await (await chat(token, 'When are you open?')).json()) as any;
    // As stored before ids were lower-cased when parsed: the token exactly as the client sent it.
    await server.db.query(
      'UPDATE chat_sessions SET session_token = $2 WHERE workspace_id = $1 AND lower(session_token) = lower($2)',
      [workspaceId, token],
    );
    expect((await chat(token, 'Where is the shop?')).status).toBe(200);
    expect((await history(token)).map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(await storedTokens(token)).toEqual([token]);
    const rated = await post('/api/chat/feedback', {
      workspace_id: workspaceId,
      session_token: token,
      message_id: first.message.message_id,
      rating: 'up',
    });
    expect(rated.status).toBe(200);
  });

  it('the per-session rate limit still counts a token spelt in any case as one', async () => {
    const token = randomUUID();
    expect((await chat(token, 'Hi?')).status).toBe(200);
    expect((await chat(token.toUpperCase(), 'Hi?')).status).toBe(200);
    expect((await chat(token, 'Hi?')).status).toBe(200);
    expect((await chat(token.toUpperCase(), 'Hi?')).status).toBe(429);
  });
});
