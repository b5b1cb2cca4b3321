/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// A spreadsheet imported again after the owner retired one of its pairs: the retired pair's row
// (same question and answer) is not imported as a new active copy; it is reported, as the other
// skipped rows are, with what to do (restore the pair). A new answer to the retired question is
// still imported (it replaces the retired one).
let server: TestServer;
let owner: AdminClient;

const petal = [
  'question,answer,category',
  'Do you sell plants?,"Yes: potted plants and succulents.",shop',
  'Do you deliver?,Same day within 10 km.,delivery',
].join('\n');

async function importCsv(csv: string) {
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
  return job.result;
}

const preview = async (csv: string) => {
  const res = await owner.request('POST', '/api/admin/knowledge/import/preview', csv, {
    'content-type': 'text/csv',
  });
  expect(res.status).toBe(200);
  return (await res.json()) as any;
};

const listed = async () =>
  ((await owner.json('GET', '/api/admin/knowledge?active=all&page_size=100')).body.items as any[])
    .map((p) => `${p.question} ${p.is_active ? 'active' : 'inactive'}`)
    .sort();

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  expect(await importCsv(petal)).toMatchObject({ imported: 2, skipped: 0 });
  const plants = ((await owner.json('GET', '/api/admin/knowledge?page_size=100')).body.items as any[]).find(
    (p) => p.question === 'Do you sell plants?',
  );
  expect((await owner.json('DELETE', `/api/admin/knowledge/${plants.id}`)).status).toBe(200);
});
afterAll(() => server.close());

describe('import: a row identical to an inactive pair', () => {
  const message = 'matches an inactive pair: restore it in Knowledge instead';

  it('is reported in the preview, not counted as a row to add', async () => {
    const body = await preview(petal);
    expect(body.valid).toBe(0);
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { row: 2, message },
        { row: 3, message: 'duplicate question: already in the knowledge base, unchanged' },
      ]),
    );
    expect(body.unchanged_rows).toEqual([3]);
  });

  it('is not imported again: the retired pair stays the only one, inactive', async () => {
    const result = await importCsv(petal);
    expect(result).toMatchObject({ imported: 0, skipped: 2 });
    expect(result.errors).toContainEqual({ row: 2, message });
    expect(await listed()).toEqual(['Do you deliver? active', 'Do you sell plants? inactive']);
  });

  it('compares the answer as the import does (case of the question, line endings, spaces at a line end)', async () => {
    const body = await preview(
      'question,answer\r\nDO YOU SELL PLANTS?,"Yes: potted plants and succulents.  "\r\n',
    );
    expect(body).toMatchObject({ valid: 0, errors: [{ row: 2, message }] });
  });

  it('still imports a new answer to the retired question', async () => {
    const result = await importCsv(
      'question,answer\nDo you sell plants?,"No longer, sorry: flowers only."\n',
    );
    expect(result).toMatchObject({ imported: 1, skipped: 0 });
    expect(await listed()).toEqual([
      'Do you deliver? active',
      'Do you sell plants? active',
      'Do you sell plants? inactive',
    ]);
  });
});
