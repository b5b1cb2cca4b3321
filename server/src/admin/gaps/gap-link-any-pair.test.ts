/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { bakeryPairs } from '@clara/testkit/bakery-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
let bakery: AdminClient;
let other: AdminClient;

beforeAll(async () => {
  server = await startTestServer({ env: { CLARA_SIGNUP: 'open' } });
  bakery = await signUpOwner(server.url);
  other = await signUpOwner(server.url);
  await server.addPairs(bakery.workspaceId, bakeryPairs);
}, 60_000);
afterAll(() => server.close());

/** Asks as a visitor and returns the open gap filed for it. */
async function gapFor(question: string) {
  const reply = (await server.ask(bakery.workspaceId, question)).message;
  expect(reply.gap_detected, question).toBe(true);
  const { items } = (await bakery.json('GET', '/api/admin/gaps')).body;
  const gap = items.find((g: any) => g.question === question);
  expect(gap, question).toBeTruthy();
  return gap;
}
/** Files open gaps directly (ids in the order given). */
const fileGaps = async (questions: string[]) => {
  const ids: string[] = [];
  for (const question of questions) {
    const [row] = await server.db.query<{ id: string }>(
      'INSERT INTO qa_gaps (workspace_id, question) VALUES ($1, $2) RETURNING id',
      [bakery.workspaceId, question],
    );
    ids.push(row?.id ?? '');
  }
  return ids;
};
const addPair = async (client: AdminClient, question: string, answer: string) => {
  const res = await client.json('POST', '/api/admin/knowledge', { question, answer });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.pair;
};
const phrasingsOf = async (qaId: string) =>
  ((await bakery.json('GET', `/api/admin/knowledge/${qaId}/phrasings`)).body.phrasings as any[]).map(
    (p) => p.question,
  );
const statusOf = async (gapId: string) => {
  for (const status of ['open', 'resolved', 'dismissed']) {
    const { items } = (await bakery.json('GET', `/api/admin/gaps?status=${status}`)).body;
    if (items.some((g: any) => g.id === gapId)) return status;
  }
  return null;
};

describe('linking a gap to any active pair of the workspace', () => {
  it('links a gap to a pair the visitor was never offered, and the wording is answered from then on', async () => {
    const gap = await gapFor('what is your refund policy?');
    expect(gap.offered_pairs).toEqual([]);
    const refunds = await addPair(
      bakery,
      'Can I return a cake?',
      'Unopened cakes: full refund within 24 hours.',
    );
    const linked = await bakery.json('POST', `/api/admin/gaps/${gap.id}/link`, { qa_id: refunds.id });
    expect(linked.status).toBe(200);
    expect(linked.body.gap).toMatchObject({ status: 'resolved', resolved_qa: { id: refunds.id } });
    expect(linked.body.pair).toMatchObject({ question: gap.question, answer: refunds.answer });
    expect(await phrasingsOf(refunds.id)).toEqual([gap.question]);
    const again = (await server.ask(bakery.workspaceId, 'what is your refund policy?')).message;
    expect(again.reply_kind).toBe('answer');
    expect(again.content).toContain('full refund within 24 hours');
  });

  it('links to the pair a chosen phrasing is a phrasing of', async () => {
    const refunds = (await bakery.json('GET', '/api/admin/knowledge?q=return a cake&active=true')).body
      .items[0];
    const [phrasing] = (await bakery.json('GET', `/api/admin/knowledge/${refunds.id}/phrasings`)).body
      .phrasings;
    expect(phrasing.question).toBe('what is your refund policy?');
    const [gapId] = await fileGaps(['do you give refunds on bread?']);
    const linked = await bakery.json('POST', `/api/admin/gaps/${gapId}/link`, { qa_id: phrasing.id });
    expect(linked.status).toBe(200);
    expect(linked.body.gap.resolved_qa).toEqual({ id: refunds.id, question: refunds.question });
    expect(linked.body.pair.phrasing_of).toEqual({ id: refunds.id, question: refunds.question });
    expect(await phrasingsOf(refunds.id)).toEqual([
      'what is your refund policy?',
      'do you give refunds on bread?',
    ]);
  });

  it('refuses another workspace’s pair (404) and an archived pair (409), leaving the gap open', async () => {
    const gap = await gapFor('do you repair bicycles?');
    const foreign = await addPair(other, 'Do you repair bicycles?', 'Yes, in the other shop.');
    const notOurs = await bakery.json('POST', `/api/admin/gaps/${gap.id}/link`, { qa_id: foreign.id });
    expect(notOurs.status).toBe(404);
    expect(notOurs.body.error).toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/workspace/),
    });

    const archived = await addPair(bakery, 'Do you fix bikes?', 'We used to.');
    expect((await bakery.json('DELETE', `/api/admin/knowledge/${archived.id}`)).status).toBe(200);
    const old = await bakery.json('POST', `/api/admin/gaps/${gap.id}/link`, { qa_id: archived.id });
    expect(old.status).toBe(409);
    expect(old.body.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/archived/) });

    for (const qa_id of [foreign.id, archived.id]) {
      const group = await bakery.json('POST', '/api/admin/gaps/groups/link', { gap_ids: [gap.id], qa_id });
      expect(group.status).toBe(qa_id === foreign.id ? 404 : 409);
    }
    const bad = await bakery.json('POST', `/api/admin/gaps/${gap.id}/link`, { qa_id: 'nope' });
    expect(bad.status).toBe(400);
    expect(await statusOf(gap.id)).toBe('open');
    expect(await phrasingsOf(archived.id)).toEqual([]);

    // Restored, the same pair can be linked.
    expect((await bakery.json('POST', `/api/admin/knowledge/${archived.id}/restore`)).status).toBe(200);
    expect((await bakery.json('POST', `/api/admin/gaps/${gap.id}/link`, { qa_id: archived.id })).status).toBe(
      200,
    );
    expect(await statusOf(gap.id)).toBe('resolved');
  });
});

describe('linking adds no duplicate phrasing', () => {
  it('does not add a wording equal to the pair’s question (case, spaces, punctuation aside)', async () => {
    const gap = await gapFor('do you have wifi');
    const wifi = await addPair(
      bakery,
      'Do you have Wi-Fi?',
      'Yes: free Wi-Fi, the password is on the receipt.',
    );
    const linked = await bakery.json('POST', `/api/admin/gaps/${gap.id}/link`, { qa_id: wifi.id });
    expect(linked.status).toBe(200);
    expect(linked.body.pair).toBeNull();
    expect(linked.body.gap).toMatchObject({ status: 'resolved', resolved_qa: { id: wifi.id } });
    expect(await phrasingsOf(wifi.id)).toEqual([]);
    const [row] = await server.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM qa_pairs WHERE workspace_id = $1 AND metadata->>'phrasing_of' = $2",
      [bakery.workspaceId, wifi.id],
    );
    expect(row?.n).toBe(0);
  });

  it('adds a new wording once, and not again for a gap or group of the same wording', async () => {
    const wifi = (await bakery.json('GET', '/api/admin/knowledge?q=Wi-Fi&active=true')).body.items.find(
      (p: any) => p.question === 'Do you have Wi-Fi?',
    );
    // Gaps of these wordings, as if asked before the pair answered them.
    const [first, again, same, alsoQuestion] = await fileGaps([
      'is there internet for customers',
      'Is there internet, for customers?',
      'IS THERE INTERNET FOR CUSTOMERS!',
      'Do you have WIFI',
    ]);
    const linked = await bakery.json('POST', `/api/admin/gaps/${first}/link`, { qa_id: wifi.id });
    expect(linked.body.pair).toMatchObject({ question: 'is there internet for customers' });
    const group = await bakery.json('POST', '/api/admin/gaps/groups/link', {
      gap_ids: [again, same, alsoQuestion],
      qa_id: wifi.id,
    });
    expect(group.status).toBe(200);
    expect(group.body).toMatchObject({ phrasings: 0, resolved: 3 });
    expect(await phrasingsOf(wifi.id)).toEqual(['is there internet for customers']);
  });
});
