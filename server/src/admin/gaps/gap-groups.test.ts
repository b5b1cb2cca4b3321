/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { giftCardWordings } from '@clara/testkit/gap-wordings';
import { groomerPairs, replyKindQuestions as q } from '@clara/testkit/reply-kinds-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
let owner: AdminClient;
let other: AdminClient;

async function ask(message: string, sessionToken = randomUUID(), workspaceId = owner.workspaceId) {
  const res = await fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      workspace_id: workspaceId,
      session_token: sessionToken,
      message_id: randomUUID(),
      message,
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as any).message;
}

const groups = async (client = owner) => {
  const res = await client.json('GET', '/api/admin/gaps/groups');
  expect(res.status).toBe(200);
  return res.body;
};

beforeAll(async () => {
  server = await startTestServer({ env: { CLARA_SIGNUP: 'open' } });
  owner = await signUpOwner(server.url);
  other = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, groomerPairs);
  await server.addPairs(other.workspaceId, groomerPairs);
});
afterAll(() => server.close());

describe('grouped gap inbox', () => {
  it('groups similar gaps with their count, labels a thumbs-down gap, and answers a group once', async () => {
    for (const w of giftCardWordings) expect((await ask(w)).gap_detected).toBe(true);
    await ask(giftCardWordings[0] as string); // asked again: still one gap, counted twice
    await ask(q.unrelated);
    // A thumbs-down on an answered question files a gap of its own kind.
    const session = randomUUID();
    const answered = await ask(q.paraphrase, session);
    expect(answered.reply_kind).toBe('answer');
    const rated = await fetch(`${server.url}/api/chat/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        workspace_id: owner.workspaceId,
        session_token: session,
        message_id: answered.message_id,
        rating: 'down',
      }),
    });
    expect(((await rated.json()) as any).feedback.gap_filed).toBe(true);

    const inbox = await groups();
    expect(inbox.similarity).toBe(0.65);
    expect(inbox.counts.open).toBe(7);
    const gift = inbox.groups[0];
    expect(gift.gaps.map((g: any) => g.question).sort()).toEqual([...giftCardWordings].sort());
    expect(gift).toMatchObject({ asks: 6, question: giftCardWordings[0], channels: ['web'], disliked: 0 });
    expect(gift.gaps[0]).toMatchObject({ question: giftCardWordings[0], asks: 2, disliked: false });
    expect(Date.parse(gift.last_asked_at)).toBeGreaterThanOrEqual(Date.parse(gift.first_asked_at));
    const disliked = inbox.groups.find((g: any) => g.question === q.paraphrase);
    expect(disliked).toMatchObject({ asks: 1, disliked: 1 });
    expect(disliked.gaps[0]).toMatchObject({ disliked: true, ai_answer: answered.content });
    expect(disliked.closest_pairs[0].question).toBe('What are your opening hours?');
    const unrelated = inbox.groups.find((g: any) => g.question === q.unrelated);
    expect(unrelated.gaps[0].disliked).toBe(false);
    expect(inbox.groups).toHaveLength(3);

    // Another owner sees none of it, and cannot act on this owner's gaps.
    expect((await groups(other)).groups).toEqual([]);
    const ids = gift.gaps.map((g: any) => g.id);
    const foreign = await other.json('POST', '/api/admin/gaps/groups/dismiss', { gap_ids: ids });
    expect(foreign.status).toBe(404);

    const res = await owner.json('POST', '/api/admin/gaps/groups/resolve', {
      gap_ids: ids,
      answer: 'Yes: gift cards from $20 are sold in the shop and online.',
      category: 'general',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ resolved: 5, phrasings: 4, pair: { question: giftCardWordings[0] } });
    const after = await groups();
    expect(after.counts).toMatchObject({ open: 2, resolved: 5 });
    // Every wording is answered now, with the one answer.
    for (const w of giftCardWordings) {
      const reply = await ask(w);
      expect(reply.reply_kind, w).toBe('answer');
      expect(reply.content).toContain('gift cards from $20');
    }
    // Acting on the group again: it is closed (409), whatever the action.
    expect((await owner.json('POST', '/api/admin/gaps/groups/dismiss', { gap_ids: ids })).status).toBe(409);
  });

  it('links a group to an existing pair and dismisses one', async () => {
    const wordings = ['Do you have a loyalty program?', 'do you have a loyalty programme'];
    for (const w of wordings) await ask(w);
    const inbox = await groups();
    const group = inbox.groups.find((g: any) => g.gaps.some((x: any) => x.question === wordings[0]));
    const pairs = (await owner.json('GET', '/api/admin/knowledge?q=groom%20cost')).body.items;
    const target = pairs.find((p: any) => p.question === 'How much does a full groom cost?') ?? pairs[0];
    const linked = await owner.json('POST', '/api/admin/gaps/groups/link', {
      gap_ids: group.gaps.map((g: any) => g.id),
      qa_id: target?.id ?? randomUUID(),
    });
    expect(linked.status).toBe(200);
    expect(linked.body.resolved).toBe(group.gaps.length);
    const rest = (await groups()).groups;
    const dismissed = await owner.json('POST', '/api/admin/gaps/groups/dismiss', {
      gap_ids: rest[0].gaps.map((g: any) => g.id),
    });
    expect(dismissed.body).toEqual({ dismissed: rest[0].gaps.length });
  });

  it('answers bad input with 4xx errors', async () => {
    const bad = [
      ['/api/admin/gaps/groups/resolve', { gap_ids: [], answer: 'x', category: 'general' }],
      ['/api/admin/gaps/groups/resolve', { gap_ids: ['nope'], answer: 'x' }],
      ['/api/admin/gaps/groups/link', { gap_ids: [randomUUID()] }],
      ['/api/admin/gaps/groups/dismiss', {}],
    ] as const;
    for (const [path, body] of bad) {
      const res = await owner.json('POST', path, body);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const missing = await owner.json('POST', '/api/admin/gaps/groups/dismiss', { gap_ids: [randomUUID()] });
    expect(missing.status).toBe(404);
    expect((await owner.json('GET', '/api/admin/gaps/groups?limit=0')).status).toBe(400);
  });
});
