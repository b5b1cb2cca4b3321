/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
let owner: AdminClient;

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
});
afterAll(() => server.close());

// Enough rows for the import to run for a while (50 rows a chunk, a rest between chunks).
const rows = 1000;
const csv = [
  'question,answer,category',
  ...Array.from(
    { length: rows },
    (_, i) => `Question number ${i} about the shop?,Answer number ${i}.,general`,
  ),
].join('\n');

const poll = async (id: string) => (await owner.json('GET', `/api/admin/knowledge/import/${id}`)).body.job;

const storedPairs = async (batchId: string) =>
  Number(
    (
      await server.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM qa_pairs WHERE metadata->>'import_batch_id' = $1",
        [batchId],
      )
    )[0]?.n,
  );

describe('undo of an import still running', () => {
  it('is refused with 409 and the job ends with every row it reports stored', async () => {
    const started = await owner.request('POST', '/api/admin/knowledge/import', csv, {
      'content-type': 'text/csv',
    });
    expect(started.status).toBe(202);
    let { job } = (await started.json()) as any;
    while (job.status === 'running' && job.saved === 0) {
      await new Promise((r) => setTimeout(r, 20));
      job = await poll(job.id);
    }
    expect(job.status).toBe('running');

    const undo = await owner.json('DELETE', `/api/admin/knowledge/import-batches/${job.id}`);
    expect(undo.status).toBe(409);
    expect(undo.body.error).toEqual({ code: 'conflict', message: expect.stringMatching(/still running/) });

    for (let i = 0; i < 600 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = await poll(job.id);
    }
    expect(job.status).toBe('done');
    expect(job.result.imported).toBe(rows);
    expect(await storedPairs(job.id)).toBe(rows);

    // Once it has ended, the undo removes the whole import.
    const done = await owner.json('DELETE', `/api/admin/knowledge/import-batches/${job.id}`);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ deleted: rows, kept_edited: 0 });
    expect(await storedPairs(job.id)).toBe(0);
  }, 120_000);
});
