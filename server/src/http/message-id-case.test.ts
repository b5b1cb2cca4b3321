/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { shopPairs } from '@clara/testkit/shop-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';

// UUIDs spelt in another letter case are the same id: one canonical form everywhere.
let server: TestServer;
let workspaceId: string;

const post = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });

const chat = (session_token: string, message_id: string, message: string, workspace = workspaceId) =>
  post('/api/chat', { workspace_id: workspace, session_token, message_id, message });

async function history(session_token: string) {
  const res = await fetch(
    `${server.url}/api/chat/history?workspace_id=${workspaceId}&session_token=${session_token}`,
  );
  return ((await res.json()) as any).messages as { role: string; message_id: string; content: string }[];
}

beforeAll(async () => {
  server = await startTestServer({
    env: { CLARA_CHAT_RATE_PER_SESSION: '2', CLARA_CHAT_RATE_PER_IP: '100' },
  });
  ({ workspaceId } = await server.createWorkspace());
  await server.addPairs(workspaceId, shopPairs);
});
afterAll(() => server.close());

describe('message ids differing only in letter case', () => {
  it('a different text under the upper-cased id is an idempotency conflict, nothing stored', async () => {
    const session = randomUUID();
    const id = randomUUID();
    expect((await chat(session, id, 'When are you open?')).status).toBe(200);
    const again = await chat(session, id.toUpperCase(), 'Where is the shop?');
    expect(again.status).toBe(409);
    expect(((await again.json()) as any).error.code).toBe('idempotency_conflict');
    expect((await history(session)).map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('the same text under the upper-cased id is a replay: same reply, nothing stored', async () => {
    const session = randomUUID();
    const id = randomUUID();
    const first = (await (await chat(session, id, 'When are you open?')).json()) as any;
    const again = await chat(session, id.toUpperCase(), 'When are you open?');
    expect(again.status).toBe(200);
    expect(((await again.json()) as any).message).toEqual(first.message);
    const messages = await history(session);
    expect(messages.map((m) => m.message_id)).toEqual([id, first.message.message_id]);
    // Feedback on the reply under its upper-cased id finds it.
    const rated = await post('/api/chat/feedback', {
      workspace_id: workspaceId,
      session_token: session,
      message_id: first.message.message_id.toUpperCase(),
      rating: 'up',
    });
    expect(rated.status).toBe(200);
  });

  it('the per-session rate limit counts a workspace id spelt in any case as one', async () => {
    const session = randomUUID();
    expect((await chat(session, randomUUID(), 'Hi?')).status).toBe(200);
    expect((await chat(session, randomUUID(), 'Hi?', workspaceId.toUpperCase())).status).toBe(200);
    const limited = await chat(session, randomUUID(), 'Hi?', workspaceId.toUpperCase());
    expect(limited.status).toBe(429);
  });
});
