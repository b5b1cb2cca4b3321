/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// qa_pairs.metadata is nullable (the seed's schema): a pair without metadata is an owner's pair,
// not a phrasing, and is exported, counted and named by an import's phrasing_of like any other.
let server: TestServer;
let owner: AdminClient;

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, [
    { question: 'Do you deliver?', answer: 'Yes, Monday to Saturday.', category: 'delivery' },
    { question: 'What are your opening hours?', answer: 'Nine to five.', category: 'general' },
  ]);
  // As a pair written by SQL (or before metadata had a default) is stored.
  await server.db.query(
    `UPDATE qa_pairs SET metadata = NULL WHERE workspace_id = $1 AND question = 'Do you deliver?'`,
    [owner.workspaceId],
  );
});
afterAll(() => server.close());

async function importCsv(c: AdminClient, csv: string) {
  const started = await c.request('POST', '/api/admin/knowledge/import', csv, { 'content-type': 'text/csv' });
  let { job } = (await started.json()) as any;
  for (let i = 0; i < 400 && job.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    job = (await c.json('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
  }
  expect(job.status).toBe('done');
  return job.result;
}

describe('a pair whose metadata is NULL', () => {
  it('is exported and counted as one of the owner pairs', async () => {
    const csv = await (await owner.request('GET', '/api/admin/knowledge/export.csv')).text();
    expect(csv).toContain('"Do you deliver?","Yes, Monday to Saturday.","delivery","manual","true",""');
    const overview = (await owner.json('GET', '/api/admin/overview')).body;
    expect(overview).toMatchObject({ pairs: 2, active_pairs: 2, phrasings: 0 });
    const list = (await owner.json('GET', '/api/admin/knowledge?active=all&page_size=100')).body;
    expect({ total: list.total, phrasings: list.phrasings }).toEqual({ total: 2, phrasings: 0 });
  });

  it("can be named by an import row's phrasing_of", async () => {
    const csv = [
      'question,answer,category,phrasing_of',
      'do you bring parcels to the door,-,,do you deliver?',
    ].join('\n');
    const preview = await owner.request('POST', '/api/admin/knowledge/import/preview', csv, {
      'content-type': 'text/csv',
    });
    expect(((await preview.json()) as any).errors).toEqual([]);
    expect(await importCsv(owner, csv)).toMatchObject({ imported: 1, skipped: 0, errors: [] });
    const items = (await owner.json('GET', '/api/admin/knowledge?active=all&page_size=100')).body
      .items as any[];
    const pair = items.find((p) => p.question === 'Do you deliver?');
    expect(items.find((p) => p.question === 'do you bring parcels to the door')).toMatchObject({
      answer: 'Yes, Monday to Saturday.',
      category: 'delivery',
      phrasing_of: { id: pair.id },
    });
    const overview = (await owner.json('GET', '/api/admin/overview')).body;
    expect(overview).toMatchObject({ pairs: 2, active_pairs: 2, phrasings: 1 });
  });
});
