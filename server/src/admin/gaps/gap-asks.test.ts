/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { bakeryPairs } from '@clara/testkit/bakery-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// An open gap's "asked N times" and the conversations' open-gap count take only the asks Clara
// did not answer (a gap or "Did you mean…?" reply, or an answer rated down), not the visitors who
// got a confident answer to the same wording.

let server: TestServer;
let owner: AdminClient;

beforeAll(async () => {
  server = await startTestServer({ env: { CLARA_SIGNUP: 'open' } });
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, bakeryPairs);
}, 60_000);
afterAll(() => server.close());

async function ask(message: string, session = randomUUID()) {
  const res = await fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      workspace_id: owner.workspaceId,
      session_token: session,
      message_id: randomUUID(),
      message,
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as any).message;
}

async function rateDown(session: string, messageId: string) {
  const res = await fetch(`${server.url}/api/chat/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      workspace_id: owner.workspaceId,
      session_token: session,
      message_id: messageId,
      rating: 'down',
    }),
  });
  expect(res.status).toBe(200);
}

const bicycleGap = async () => {
  const res = await owner.json('GET', '/api/admin/gaps/groups');
  expect(res.status).toBe(200);
  const group = res.body.groups.find((g: any) =>
    g.gaps.some((x: any) => x.question === 'Do you repair bicycles?'),
  );
  return group.gaps.find((x: any) => x.question === 'Do you repair bicycles?');
};

const openGaps = async () => {
  const list = (await owner.json('GET', '/api/admin/conversations')).body.items as any[];
  return (session: string) => list.find((c) => c.id === session)?.open_gap_count;
};

/** The ids of the conversations that began with this exact question, most recently updated first. */
async function conversationOf(firstQuestion: string, count: number) {
  const list = (await owner.json('GET', '/api/admin/conversations')).body.items as any[];
  const found = list.filter((c) => c.first_question === firstQuestion);
  expect(found).toHaveLength(count);
  return found.map((c) => c.id as string);
}

describe('asks counted on an open gap', () => {
  it('counts the unanswered asks of its wording, not the answered ones', async () => {
    const first = await ask('Do you repair bicycles?');
    expect(first.reply_kind).toBe('gap');
    const gap = await bicycleGap();
    expect(gap.asks).toBe(1);
    const filedAt = gap.last_asked_at;

    // The owner adds the answer in Knowledge (the gap stays open): the next visitors are answered.
    const added = await owner.json('POST', '/api/admin/knowledge', {
      question: 'Do you repair bicycles?',
      answer: 'Yes: we fix punctures and brakes while you wait.',
    });
    expect(added.status).toBe(201);
    const answered = await ask('do you repair bicycles?');
    expect(answered.reply_kind).toBe('answer');
    const again = await bicycleGap();
    expect(again).toMatchObject({ id: gap.id, asks: 1, last_asked_at: filedAt });
    const [answeredConversation] = await conversationOf('do you repair bicycles?', 1);
    const [filedConversation] = await conversationOf('Do you repair bicycles?', 1);
    let count = await openGaps();
    expect(count(answeredConversation as string)).toBe(0);
    expect(count(filedConversation as string)).toBe(1);

    // An answer the visitor rated down was not an answer to them: it counts.
    const disliking = randomUUID();
    const disliked = await ask('DO YOU REPAIR BICYCLES?', disliking);
    expect(disliked.reply_kind).toBe('answer');
    await rateDown(disliking, disliked.message_id);
    expect((await bicycleGap()).asks).toBe(2);

    // Without the pair the wording is a gap again, and counted.
    expect((await owner.json('DELETE', `/api/admin/knowledge/${added.body.pair.id}`)).status).toBe(200);
    const unanswered = await ask('Do you repair bicycles?');
    expect(unanswered.reply_kind).toBe('gap');
    const last = await bicycleGap();
    expect(last.asks).toBe(3);
    expect(Date.parse(last.last_asked_at)).toBeGreaterThan(Date.parse(filedAt));
    const [later] = await conversationOf('Do you repair bicycles?', 2); // most recently updated first
    count = await openGaps();
    expect(count(later as string)).toBe(1);
    expect(count(answeredConversation as string)).toBe(0);
    expect(count((await conversationOf('DO YOU REPAIR BICYCLES?', 1))[0] as string)).toBe(1);
  });
});
