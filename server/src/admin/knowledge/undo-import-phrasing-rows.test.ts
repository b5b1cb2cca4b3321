/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
let owner: AdminClient;
beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, [
    { question: 'Do you sell gift cards?', answer: 'Yes, at the till.', category: 'shop' },
  ]);
});
afterAll(() => server.close());

// Four pairs of the file, three with a phrasing row of the file; one phrasing row of a pair already there.
const csv = [
  'question,answer,category,phrasing_of',
  'Do you repair bikes?,"Yes, all kinds.",repairs,',
  "Can you fix my bike?,(its pair's),repairs,Do you repair bikes?",
  'Do you sell helmets?,"Yes, in three sizes.",shop,',
  "Have you got helmets?,(its pair's),shop,Do you sell helmets?",
  'Do you rent bikes?,By the day.,rentals,',
  "Can I hire a bike?,(its pair's),rentals,Do you rent bikes?",
  'Do you open on Sundays?,No.,hours,',
  "Gift vouchers?,(its pair's),shop,Do you sell gift cards?",
].join('\n');

async function importCsv() {
  const started = await owner.request('POST', '/api/admin/knowledge/import', csv, {
    'content-type': 'text/csv',
  });
  expect(started.status).toBe(202);
  let { job } = (await started.json()) as any;
  for (let i = 0; i < 400 && job.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    job = (await owner.json('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
  }
  expect(job.status).toBe('done');
  expect(job.result.errors ?? []).toEqual([]);
  return job.result.batch_id as string;
}

const listed = async () =>
  new Map<string, any>(
    ((await owner.json('GET', '/api/admin/knowledge?active=all&page_size=100')).body.items as any[]).map(
      (p) => [p.question, p],
    ),
  );

describe('undoing an import keeps each phrasing row with its pair', () => {
  it('keeps the phrasings of the edited pairs, removes those of the removed pairs even when edited', async () => {
    const batch = await importCsv();
    const before = await listed();
    expect(before.size).toBe(9);
    const id = (q: string) => before.get(q).id as string;

    // Kept: one pair's question reworded (the phrasing is not touched), one moved to another category
    // (the phrasing follows it, and is not itself "edited").
    const reworded = await owner.json('PATCH', `/api/admin/knowledge/${id('Do you repair bikes?')}`, {
      question: 'Do you repair electric bikes?',
    });
    expect(reworded.status).toBe(200);
    const moved = await owner.json('POST', '/api/admin/knowledge/bulk', {
      action: 'recategorise',
      ids: [id('Do you sell helmets?')],
      category: 'Gear',
    });
    expect(moved.status).toBe(200);
    // Removed: a pair not edited, though its phrasing row was.
    const phrasingEdited = await owner.json('PATCH', `/api/admin/knowledge/${id('Can I hire a bike?')}`, {
      question: 'Can I hire a bike for a day?',
    });
    expect(phrasingEdited.status).toBe(200);

    const undone = await owner.json('DELETE', `/api/admin/knowledge/import-batches/${batch}`);
    // Rows of the file removed: rent + its phrasing, Sundays, the gift-card phrasing. Pairs kept: 2.
    expect(undone).toEqual({ status: 200, body: { deleted: 4, kept_edited: 2 } });

    const left = await listed();
    expect([...left.keys()].sort()).toEqual(
      [
        'Can you fix my bike?',
        'Do you repair electric bikes?',
        'Do you sell gift cards?',
        'Do you sell helmets?',
        'Have you got helmets?',
      ].sort(),
    );
    expect(left.get('Can you fix my bike?').phrasing_of).toEqual({
      id: id('Do you repair bikes?'),
      question: 'Do you repair electric bikes?',
    });
    expect(left.get('Have you got helmets?')).toMatchObject({
      category: 'Gear',
      phrasing_of: { id: id('Do you sell helmets?'), question: 'Do you sell helmets?' },
    });
    // No phrasing is left without its pair.
    for (const p of left.values()) if (p.phrasing_of) expect(left.has(p.phrasing_of.question)).toBe(true);
    expect((await owner.json('GET', '/api/admin/overview')).body).toMatchObject({ phrasings: 2 });

    // Undone again: nothing more removed, the same two pairs kept.
    const again = await owner.json('DELETE', `/api/admin/knowledge/import-batches/${batch}`);
    expect(again).toEqual({ status: 200, body: { deleted: 0, kept_edited: 2 } });
    expect((await listed()).size).toBe(5);
  });
});
