/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { bakeryPairs } from '@clara/testkit/bakery-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../test/test-server';

// A visitor who takes a thumbs-down back (rates the same answer up) takes back the gap it filed:
// through the public chat API and the owner's gap inbox, while nothing else holds that gap open.

let server: TestServer;
let owner: AdminClient;
let otherWorkspace: string;

beforeAll(async () => {
  server = await startTestServer({ env: { CLARA_SIGNUP: 'open' } });
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, bakeryPairs);
  ({ workspaceId: otherWorkspace } = await server.createWorkspace());
  await server.addPairs(otherWorkspace, bakeryPairs);
}, 60_000);
afterAll(() => server.close());

const post = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });

/** One visitor turn answered from the knowledge base; returns the session and the answer's id. */
async function ask(message: string, session = randomUUID(), workspace_id = owner.workspaceId) {
  const res = await post('/api/chat', {
    workspace_id,
    session_token: session,
    message_id: randomUUID(),
    message,
  });
  expect(res.status).toBe(200);
  const answer = ((await res.json()) as any).message;
  expect(answer.reply_kind).toBe('answer');
  return { session, id: answer.message_id as string };
}

async function rate(
  turn: { session: string; id: string },
  rating: 'up' | 'down',
  workspace_id = owner.workspaceId,
) {
  const res = await post('/api/chat/feedback', {
    workspace_id,
    session_token: turn.session,
    message_id: turn.id,
    rating,
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** The owner's gaps of this wording (case-insensitive) in the given status list. */
async function gapsOf(question: string, status = 'open') {
  const res = await owner.json('GET', `/api/admin/gaps?status=${status}`);
  expect(res.status).toBe(200);
  return (res.body.items as any[]).filter((g) => g.question.toLowerCase() === question.toLowerCase());
}

/** The grouped inbox's entry for this wording (with `disliked` and `asks`), if open. */
async function inboxGap(question: string) {
  const res = await owner.json('GET', '/api/admin/gaps/groups');
  expect(res.status).toBe(200);
  return (res.body.groups as any[]).flatMap((g) => g.gaps).find((g: any) => g.question === question);
}

describe('taking a thumbs-down back', () => {
  it('withdraws the gap it filed: down lists it, up removes it (not dismissed), down again files it anew', async () => {
    const q = 'Do you sell coffee?';
    const turn = await ask(q);
    expect((await rate(turn, 'down')).body.feedback.gap_filed).toBe(true);
    expect(await inboxGap(q)).toMatchObject({ disliked: true, asks: 1 });

    const up = await rate(turn, 'up');
    expect(up).toMatchObject({ status: 200, body: { feedback: { feedback: 'up', gap_filed: false } } });
    expect(await gapsOf(q)).toHaveLength(0);
    expect(await gapsOf(q, 'dismissed')).toHaveLength(0);
    expect(await inboxGap(q)).toBeUndefined();

    expect((await rate(turn, 'down')).body.feedback.gap_filed).toBe(true);
    expect(await gapsOf(q)).toHaveLength(1);
    await rate(turn, 'up');
    expect(await gapsOf(q)).toHaveLength(0);
  });

  it('keeps a gap other visitors are counted on, and stops counting the one who took it back', async () => {
    const q = 'Do you deliver?';
    const first = await ask(q);
    const second = await ask(q.toUpperCase());
    expect((await rate(first, 'down')).body.feedback.gap_filed).toBe(true);
    expect((await rate(second, 'down')).body.feedback.gap_filed).toBe(false);
    const filed = await inboxGap(q);
    expect(filed).toMatchObject({ asks: 2 });

    // The visitor whose thumbs-down filed it takes it back: the other one still waits.
    await rate(first, 'up');
    expect(await inboxGap(q)).toMatchObject({ id: filed.id, asks: 1 });
    // The other one too: nobody is waiting, but the gap is not this session's to withdraw.
    await rate(second, 'up');
    expect((await gapsOf(q)).map((g) => g.id)).toEqual([filed.id]);
  });

  it('leaves a gap the owner already dismissed or answered', async () => {
    const dismissedQ = 'Where are you located?';
    const a = await ask(dismissedQ);
    await rate(a, 'down');
    const [gap] = await gapsOf(dismissedQ);
    expect((await owner.json('POST', `/api/admin/gaps/${gap.id}/dismiss`)).status).toBe(200);
    await rate(a, 'up');
    expect((await gapsOf(dismissedQ, 'dismissed')).map((g) => g.id)).toEqual([gap.id]);

    const answeredQ = 'How much is a sourdough loaf?';
    const b = await ask(answeredQ);
    await rate(b, 'down');
    const [open] = await gapsOf(answeredQ);
    const resolved = await owner.json('POST', `/api/admin/gaps/${open.id}/resolve`, {
      answer: 'A sourdough loaf is £4.50.',
    });
    expect(resolved.status).toBe(200);
    await rate(b, 'up');
    expect((await gapsOf(answeredQ, 'resolved')).map((g) => g.id)).toEqual([open.id]);
  });

  it('leaves a gap the owner dismissed and reopened (open again, but the owner has handled it)', async () => {
    const q = 'Do you have gluten-free bread?';
    const turn = await ask(q);
    await rate(turn, 'down');
    const [gap] = await gapsOf(q);
    expect((await owner.json('POST', `/api/admin/gaps/${gap.id}/dismiss`)).status).toBe(200);
    expect((await owner.json('POST', `/api/admin/gaps/${gap.id}/reopen`)).status).toBe(200);
    expect((await rate(turn, 'up')).status).toBe(200);
    expect((await gapsOf(q)).map((g) => g.id)).toEqual([gap.id]);

    // The same through the grouped inbox's dismiss and Undo.
    const groupQ = 'What are your opening hours?';
    const other = await ask(groupQ);
    await rate(other, 'down');
    const [grouped] = await gapsOf(groupQ);
    const ids = { gap_ids: [grouped.id] };
    expect((await owner.json('POST', '/api/admin/gaps/groups/dismiss', ids)).status).toBe(200);
    expect((await owner.json('POST', '/api/admin/gaps/groups/reopen', ids)).status).toBe(200);
    await rate(other, 'up');
    expect(await inboxGap(groupQ)).toMatchObject({ id: grouped.id });
  });

  it('cannot be done from another session or workspace', async () => {
    const q = 'Can I order a custom birthday cake?';
    const turn = await ask(q);
    await rate(turn, 'down');
    const [gap] = await gapsOf(q);

    // Another visitor of the same wording rates their own answer down and up again.
    const other = await ask(q);
    await rate(other, 'down');
    await rate(other, 'up');
    // The same session token and message id sent for another workspace: unknown there.
    expect((await rate(turn, 'up', otherWorkspace)).status).toBe(404);
    // A visitor of the other workspace takes back their own thumbs-down of the same wording.
    const elsewhere = await ask(q, randomUUID(), otherWorkspace);
    await rate(elsewhere, 'down', otherWorkspace);
    await rate(elsewhere, 'up', otherWorkspace);

    expect(await inboxGap(q)).toMatchObject({ id: gap.id, disliked: true, asks: 1 });
    await rate(turn, 'up');
    expect(await gapsOf(q)).toHaveLength(0);
  });
});
