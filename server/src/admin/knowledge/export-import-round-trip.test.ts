/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
let source: AdminClient;

beforeAll(async () => {
  server = await startTestServer();
  source = await signUpOwner(server.url);
});
afterAll(() => server.close());

const csvHeaders = { 'content-type': 'text/csv' };

async function importFile(client: AdminClient, text: string) {
  const started = await client.request('POST', '/api/admin/knowledge/import', text, csvHeaders);
  expect(started.status).toBe(202);
  let { job } = (await started.json()) as any;
  for (let i = 0; i < 200 && job.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    job = (await client.json('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
  }
  expect(job.status).toBe('done');
  return job.result;
}

const preview = async (client: AdminClient, text: string) => {
  const res = await client.request('POST', '/api/admin/knowledge/import/preview', text, csvHeaders);
  return { status: res.status, body: (await res.json()) as any };
};

/** Every pair of the owner's knowledge base as question → answer and state, in list order. */
async function states(client: AdminClient) {
  const { body } = await client.json('GET', '/api/admin/knowledge?active=all&page_size=100');
  return (body.items as any[])
    .map((p) => `${p.question} | ${p.answer} | ${p.is_active ? 'active' : 'inactive'}`)
    .sort();
}

describe('knowledge export → import keeps retired answers retired', () => {
  it('reproduces active and inactive pairs in an empty workspace, and says how many come in inactive', async () => {
    await importFile(
      source,
      [
        'question,answer,category',
        'Do you deliver on Sundays?,No: Monday to Saturday.,delivery',
        'How much is delivery?,£4 per order.,pricing',
        'Do you sell gift cards?,Yes: from £10.,general',
      ].join('\n'),
    );
    const { body: list } = await source.json('GET', '/api/admin/knowledge?active=all&page_size=100');
    const byQuestion = new Map((list.items as any[]).map((p) => [p.question, p.id]));
    // Retire two answers; one gets a new active answer to the same question.
    for (const q of ['How much is delivery?', 'Do you sell gift cards?']) {
      expect((await source.request('DELETE', `/api/admin/knowledge/${byQuestion.get(q)}`)).status).toBe(200);
    }
    const created = await source.json('POST', '/api/admin/knowledge', {
      question: 'How much is delivery?',
      answer: '£5 per order since May.',
      category: 'pricing',
      allow_duplicate: true,
    });
    expect(created.status).toBe(201);

    const exported = await source.request('GET', '/api/admin/knowledge/export.csv');
    expect(exported.status).toBe(200);
    // The bytes as a spreadsheet gets them: a UTF-8 BOM first (Excel reads £ right), which the import drops.
    const bytes = Buffer.from(await exported.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const file = bytes.toString('utf8');
    expect(
      file.startsWith('\uFEFF"question","answer","category","source","is_active","phrasing_of"\r\n'),
    ).toBe(true);
    expect(file).toContain('"How much is delivery?","£4 per order.","pricing","csv_import","false",""');

    const target = await signUpOwner(server.url);
    const planned = await preview(target, file);
    expect(planned.status).toBe(200);
    expect(planned.body).toMatchObject({ total: 4, valid: 4, inactive: 2, errors: [] });

    const result = await importFile(target, file);
    expect(result).toMatchObject({ imported: 4, inactive: 2, skipped: 0, errors: [] });
    expect(await states(target)).toEqual(await states(source));
    expect(await states(target)).toEqual([
      'Do you deliver on Sundays? | No: Monday to Saturday. | active',
      'Do you sell gift cards? | Yes: from £10. | inactive',
      'How much is delivery? | £4 per order. | inactive',
      'How much is delivery? | £5 per order since May. | active',
    ]);

    // The same export again adds nothing: each row, active or retired, is already there.
    const again = await preview(target, file);
    expect(again.body).toMatchObject({ total: 4, valid: 0, inactive: 0 });
    expect(again.body.errors.map((e: any) => e.message).sort()).toEqual([
      'duplicate question: already in the knowledge base (inactive), unchanged',
      'duplicate question: already in the knowledge base (inactive), unchanged',
      'duplicate question: already in the knowledge base, unchanged',
      'duplicate question: already in the knowledge base, unchanged',
    ]);
    expect(again.body.changed).toBe(0);
  });

  it('reads is_active as a spreadsheet writes it, and refuses a row whose is_active is neither', async () => {
    const owner = await signUpOwner(server.url);
    const planned = await preview(
      owner,
      [
        'question,answer,is_active',
        'Are you open on Mondays?,Yes.,FALSE',
        'Are you open on Tuesdays?,Yes.,TRUE',
        'Are you open on Fridays?,Yes.,',
        'Are you open on Sundays?,No.,maybe',
      ].join('\n'),
    );
    expect(planned.body).toMatchObject({
      total: 4,
      valid: 3,
      inactive: 1,
      errors: [{ row: 5, message: 'is_active must be true or false' }],
    });
  });
});
