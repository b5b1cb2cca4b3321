/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { maxSessionMessages } from '@clara/supabase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../test/test-server';

let server: TestServer;
let owner: AdminClient;

beforeAll(async () => {
  server = await startTestServer({ env: { CLARA_SIGNUP: 'open' } });
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, [
    { question: 'Do you open on Sundays?', answer: 'No, Monday to Saturday.', category: 'hours' },
  ]);
});
afterAll(() => server.close());

const turn = (token: string, message = 'Do you open on Sundays?') =>
  fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      workspace_id: owner.workspaceId,
      session_token: token,
      message_id: randomUUID(),
      message,
    }),
  });
const history = async (token: string) =>
  (await (
    await fetch(`${server.url}/api/chat/history?workspace_id=${owner.workspaceId}&session_token=${token}`)
  ).json()) as { messages: any[] };

/** A real web session of `count` messages: one real turn, its two messages repeated with fresh ids. */
async function sessionOf(count: number): Promise<string> {
  const token = randomUUID();
  expect((await turn(token)).status).toBe(200);
  const [question, reply] = (await history(token)).messages;
  const messages = Array.from({ length: count }, (_, i) => ({
    ...(i % 2 === 0 ? question : reply),
    message_id: randomUUID(),
    content: `${i % 2 === 0 ? question.content : reply.content} #${i}`,
  }));
  await server.db.query('UPDATE chat_sessions SET messages = $2::jsonb WHERE session_token = $1', [
    token,
    JSON.stringify(messages),
  ]);
  return token;
}

describe('a conversation has a length limit', () => {
  it(`takes turns up to ${maxSessionMessages} messages, then refuses with 409 conversation_full; the owner still sees them`, async () => {
    const token = await sessionOf(maxSessionMessages - 2);
    expect((await turn(token)).status).toBe(200);
    expect((await history(token)).messages).toHaveLength(maxSessionMessages);

    const refused = await turn(token, 'And on bank holidays?');
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as any;
    expect(body.error.code).toBe('conversation_full');
    expect(body.error.message).toMatch(/Start a new conversation/);
    const kept = (await history(token)).messages;
    expect(kept).toHaveLength(maxSessionMessages);
    expect(kept.some((m) => m.content === 'And on bank holidays?')).toBe(false);

    const [session] = await server.db.query<{ id: string }>(
      'SELECT id FROM chat_sessions WHERE session_token = $1',
      [token],
    );
    const view = await owner.json('GET', `/api/admin/conversations/${session?.id}`);
    expect(view.status).toBe(200);
    expect(view.body.conversation.messages).toHaveLength(maxSessionMessages);

    // A new conversation (a new session token) works at once.
    expect((await turn(randomUUID(), 'And on bank holidays?')).status).toBe(200);
  });

  it('GET /api/chat/history returns at most the latest messages of a session stored before the limit', async () => {
    const token = await sessionOf(1000);
    const messages = (await history(token)).messages;
    expect(messages).toHaveLength(maxSessionMessages);
    expect(messages.at(-1).content).toMatch(/#999$/);
    expect(messages[0].content).toMatch(new RegExp(`#${1000 - maxSessionMessages}$`));
  });
});
