/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { groomerPairs, replyKindQuestions as q } from '@clara/testkit/reply-kinds-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// A thumbs-down on a "Did you mean…?" or gap reply files no gap of its own (the ask already
// counts on the open gap of its wording): the inbox marks that gap `disliked_reply`, whichever
// visitor's ask filed it, and only that gap.

let server: TestServer;
let owner: AdminClient;

async function post(path: string, body: object) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ workspace_id: owner.workspaceId, ...body }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as any;
}
const ask = async (message: string, session = randomUUID()) =>
  (await post('/api/chat', { session_token: session, message_id: randomUUID(), message })).message;
const rate = (session: string, messageId: string, rating: 'up' | 'down') =>
  post('/api/chat/feedback', { session_token: session, message_id: messageId, rating });
const inboxGap = async (question: string) => {
  const { body } = await owner.json('GET', '/api/admin/gaps/groups');
  return (body.groups as any[]).flatMap((g) => g.gaps).find((g) => g.question === question);
};

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, groomerPairs);
});
afterAll(() => server.close());

describe('a thumbs-down on a gap or "Did you mean…?" reply in the gap inbox', () => {
  it('marks the open gap of the wording, filed by another visitor’s ask', async () => {
    expect((await ask(q.vague)).reply_kind).toBe('clarify');
    expect(await inboxGap(q.vague)).toMatchObject({ disliked: false, disliked_reply: null, asks: 1 });
    const session = randomUUID();
    const reply = await ask(q.vague.toUpperCase(), session);
    expect(reply.reply_kind).toBe('clarify');
    expect((await rate(session, reply.message_id, 'down')).feedback.gap_filed).toBe(false);
    expect(await inboxGap(q.vague)).toMatchObject({ disliked: false, disliked_reply: 'clarify', asks: 2 });
    // Taken back (rated up), the mark goes.
    await rate(session, reply.message_id, 'up');
    expect(await inboxGap(q.vague)).toMatchObject({ disliked_reply: null, asks: 2 });
  });

  it('marks a disliked gap reply as such, and leaves an unrated wording unmarked', async () => {
    const session = randomUUID();
    const reply = await ask(q.unrelated, session);
    expect(reply.reply_kind).toBe('gap');
    await rate(session, reply.message_id, 'down');
    expect(await inboxGap(q.unrelated)).toMatchObject({ disliked: false, disliked_reply: 'gap' });
    const unrated = q.vagueOthers[0] as string;
    expect((await ask(unrated)).gap_detected).toBe(true);
    expect(await inboxGap(unrated)).toMatchObject({ disliked: false, disliked_reply: null });
  });
});
