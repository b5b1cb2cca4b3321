/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
let owner: AdminClient;
const wording = 'can someone drop a parcel at my flat in the evening';

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, [
    { question: 'Do you deliver?', answer: 'Yes, Monday to Saturday, £4 per order.', category: 'delivery' },
    {
      question: 'What are your opening hours?',
      answer: 'Nine to five, Monday to Friday.',
      category: 'general',
    },
  ]);
});
afterAll(() => server.close());

const listed = async (c: AdminClient) =>
  (await c.json('GET', '/api/admin/knowledge?active=all&page_size=100')).body.items as any[];

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

describe("knowledge export and import keep the visitors' wordings (phrasings)", () => {
  it('exports a phrasing with the question of its pair, and an import brings it back as a phrasing', async () => {
    await server.ask(owner.workspaceId, wording);
    const gap = ((await owner.json('GET', '/api/admin/gaps')).body.items as any[]).find(
      (g) => g.question === wording,
    );
    expect(gap).toBeDefined();
    const deliver = (await listed(owner)).find((p) => p.question === 'Do you deliver?');
    expect((await owner.json('POST', `/api/admin/gaps/${gap.id}/link`, { qa_id: deliver.id })).status).toBe(
      200,
    );

    const csv = await (await owner.request('GET', '/api/admin/knowledge/export.csv')).text();
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('"question","answer","category","source","is_active","phrasing_of"');
    expect(lines).toContain(
      `"${wording}","Yes, Monday to Saturday, £4 per order.","delivery","gap_inbox","true","Do you deliver?"`,
    );
    expect(lines.filter((l) => l.endsWith(',""'))).toHaveLength(2);

    // Into a new workspace: the pairs and the phrasing of its pair, nothing lost.
    const other = await signUpOwner(server.url);
    const result = await importCsv(other, csv);
    expect(result).toMatchObject({ imported: 3, skipped: 0, errors: [] });
    const restored = await listed(other);
    const pair = restored.find((p) => p.question === 'Do you deliver?');
    expect(restored.find((p) => p.question === wording)).toMatchObject({
      answer: pair.answer,
      category: 'delivery',
      phrasing_of: { id: pair.id, question: 'Do you deliver?' },
    });
    // The visitor's wording is answered there as it was here.
    expect((await server.ask(other.workspaceId, wording)).message.content).toContain('£4 per order');
    // Imported again into the same workspace: everything is a duplicate, nothing is added.
    expect(await importCsv(other, csv)).toMatchObject({ imported: 0, skipped: 3 });
  });

  it('links a phrasing row to a pair of the knowledge base, and refuses one naming no pair', async () => {
    const csv = [
      'question,answer,category,phrasing_of',
      'when do you open on weekdays,-,,what are your opening hours?',
      'is there parking nearby,-,,Is there a car park?',
      'Do you sell gift cards?,"Yes, at the till.",gifts,',
    ].join('\n');
    const preview = await owner.request('POST', '/api/admin/knowledge/import/preview', csv, {
      'content-type': 'text/csv',
    });
    expect(((await preview.json()) as any).errors).toEqual([
      {
        row: 3,
        message:
          'phrasing_of: no pair has the question “Is there a car park?” in this file or the knowledge base',
      },
    ]);
    expect(await importCsv(owner, csv)).toMatchObject({ imported: 2, skipped: 1 });
    const pairs = await listed(owner);
    const hours = pairs.find((p) => p.question === 'What are your opening hours?');
    expect(pairs.find((p) => p.question === 'when do you open on weekdays')).toMatchObject({
      answer: 'Nine to five, Monday to Friday.',
      category: 'general',
      phrasing_of: { id: hours.id },
    });
    expect(pairs.find((p) => p.question === 'Do you sell gift cards?')?.phrasing_of).toBeNull();
    expect(pairs.some((p) => p.question === 'is there parking nearby')).toBe(false);
  });

  it('counts the same everywhere: the Overview, the Knowledge list and the export', async () => {
    // Three pairs of the owner's (deliver, hours, gift cards) and two wordings (one linked, one imported).
    const overview = (await owner.json('GET', '/api/admin/overview')).body;
    expect(overview).toMatchObject({ pairs: 3, active_pairs: 3, phrasings: 2 });
    const list = (await owner.json('GET', '/api/admin/knowledge?active=all&page_size=100')).body;
    expect({ total: list.total, phrasings: list.phrasings }).toEqual({ total: 5, phrasings: 2 });
    // A page past the end still counts them.
    const past = (await owner.json('GET', '/api/admin/knowledge?active=all&page=9&page_size=100')).body;
    expect({ total: past.total, phrasings: past.phrasings }).toEqual({ total: 5, phrasings: 2 });
    const csv = await (await owner.request('GET', '/api/admin/knowledge/export.csv')).text();
    const rows = csv.split('\r\n').slice(1, -1);
    expect(rows.filter((r) => r.endsWith(',""'))).toHaveLength(3);
    expect(rows.filter((r) => !r.endsWith(',""'))).toHaveLength(2);
  });
});
