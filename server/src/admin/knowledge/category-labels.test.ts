/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// A physiotherapy clinic's categories keep the owner's label ("First visit", not first_visit);
// another spelling of a category the workspace has joins it; snake_case categories keep working.
let server: TestServer;
let owner: AdminClient;
beforeAll(async () => {
  server = await startTestServer({ env: { CLARA_SIGNUP: 'open' } });
  owner = await signUpOwner(server.url);
}, 60_000);
afterAll(() => server.close());

const csvHeaders = { 'content-type': 'text/csv' };
const create = (question: string, category: string) =>
  owner.json('POST', '/api/admin/knowledge', { question, answer: 'Yes.', category, allow_duplicate: true });
const categoryOf = async (q: string) =>
  (await owner.json('GET', `/api/admin/knowledge?q=${encodeURIComponent(q)}`)).body.items[0]?.category;
const listed = async (category: string) =>
  (await owner.json('GET', `/api/admin/knowledge?category=${encodeURIComponent(category)}&page_size=100`))
    .body.items as any[];

async function importFile(text: string) {
  const started = await owner.request('POST', '/api/admin/knowledge/import', text, csvHeaders);
  expect(started.status).toBe(202);
  let { job } = (await started.json()) as any;
  for (let i = 0; i < 200 && job.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    job = (await owner.json('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
  }
  expect(job.status).toBe('done');
  return job.result;
}

describe("categories keep the owner's label", () => {
  it('stores the category as typed, and another spelling of it joins the first', async () => {
    const first = await create('How long is the first visit?', '  First   visit ');
    expect(first.status).toBe(201);
    expect(first.body.pair.category).toBe('First visit');
    expect((await create('Who runs the clinic?', 'About us')).body.pair.category).toBe('About us');
    expect((await create('Do you sell gift vouchers?', 'Gift Vouchers')).body.pair.category).toBe(
      'Gift Vouchers',
    );
    // Case, spaces, _ and - ignored: the workspace's spelling is reused.
    for (const other of ['first visit', 'FIRST_VISIT', 'first-visit']) {
      expect((await create(`What do I bring to my first visit (${other})?`, other)).body.pair.category).toBe(
        'First visit',
      );
    }
    expect((await create('Can I give a voucher as a present?', 'gift_vouchers')).body.pair.category).toBe(
      'Gift Vouchers',
    );
    const { body } = await owner.json('GET', '/api/admin/knowledge/categories');
    expect(body.in_use).toEqual(expect.arrayContaining(['About us', 'First visit', 'Gift Vouchers']));
    expect(body.in_use).not.toContain('first_visit');
    // The filter finds the category by any of its spellings.
    expect(await listed('First visit')).toHaveLength(4);
    expect(await listed('first_visit')).toHaveLength(4);
  });

  it('keeps snake_case categories working: they are reused, filtered, and renamed only by moving all their pairs', async () => {
    await server.addPairs(owner.workspaceId, [
      { question: 'How much is a session?', answer: '£45 for 45 minutes.', category: 'session_prices' },
      { question: 'Do you take card?', answer: 'Yes, all cards.', category: 'session_prices' },
    ]);
    expect(await categoryOf('How much is a session')).toBe('session_prices');
    expect((await create('Is there a discount for students?', 'Session prices')).body.pair.category).toBe(
      'session_prices',
    );
    expect(await listed('Session prices')).toHaveLength(3);
    const ids = (await listed('session_prices')).map((p) => p.id);
    // Moving some of its pairs to another spelling keeps one category...
    const some = await owner.json('POST', '/api/admin/knowledge/bulk', {
      action: 'recategorise',
      ids: ids.slice(0, 1),
      category: 'Session Prices',
    });
    expect(some.status).toBe(200);
    expect(new Set((await listed('session_prices')).map((p) => p.category))).toEqual(
      new Set(['session_prices']),
    );
    // ...moving all of them renames it.
    const all = await owner.json('POST', '/api/admin/knowledge/bulk', {
      action: 'recategorise',
      ids,
      category: 'Session prices',
    });
    expect(all.status).toBe(200);
    expect((await listed('Session prices')).map((p) => p.category)).toEqual([
      'Session prices',
      'Session prices',
      'Session prices',
    ]);
    // One pair alone in its snake_case category: editing it renames the category.
    await server.addPairs(owner.workspaceId, [
      { question: 'Where can I park?', answer: 'Behind the clinic.', category: 'getting_here' },
    ]);
    const parking = (await listed('getting_here'))[0];
    const edited = await owner.json('PATCH', `/api/admin/knowledge/${parking.id}`, {
      category: 'Getting here',
    });
    expect(edited.status).toBe(200);
    expect(edited.body.pair.category).toBe('Getting here');
  });

  it('imports and exports the labels, and a gap answered from the inbox joins the category', async () => {
    const preview = await owner.request(
      'POST',
      '/api/admin/knowledge/import/preview',
      'question,answer,category\nDo you treat back pain?,Yes.,Conditions we treat\nDo you treat sports injuries?,Yes.,conditions we treat\nCan I buy a voucher online?,Yes.,GIFT VOUCHERS\n',
      csvHeaders,
    );
    expect(((await preview.json()) as any).sample.map((r: any) => r.category)).toEqual([
      'Conditions we treat',
      'Conditions we treat',
      'Gift Vouchers',
    ]);
    const result = await importFile(
      'question,answer,category\nDo you treat back pain?,Yes.,Conditions we treat\nDo you treat sports injuries?,Yes.,conditions we treat\nCan I buy a voucher online?,Yes.,GIFT VOUCHERS\n',
    );
    expect(result.imported).toBe(3);
    expect(await categoryOf('sports injuries')).toBe('Conditions we treat');
    expect(await categoryOf('voucher online')).toBe('Gift Vouchers');

    const exported = await (await owner.request('GET', '/api/admin/knowledge/export.csv')).text();
    expect(exported).toContain('"First visit"');
    expect(exported).toContain('"Conditions we treat"');
    expect(exported).not.toContain('first_visit');

    expect(
      (await server.ask(owner.workspaceId, 'do you do home visits for elderly patients')).message
        .gap_detected,
    ).toBe(true);
    const group = (await owner.json('GET', '/api/admin/gaps/groups')).body.groups[0];
    const saved = await owner.json('POST', '/api/admin/gaps/groups/resolve', {
      gap_ids: [group.id],
      answer: 'Yes, within five miles.',
      category: 'first_visit',
    });
    expect(saved.status).toBe(200);
    expect(await categoryOf('home visits')).toBe('First visit');
  });
});
