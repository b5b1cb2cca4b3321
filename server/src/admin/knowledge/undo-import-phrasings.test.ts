/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
let owner: AdminClient;
// Answered by no pair (a gap) until linked: 'do you have free internet' is answered since the lexicon (internet ~ wifi).
const wording = 'is there a way to connect my laptop';

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, [
    { question: 'Do you sell second-hand books?', answer: 'Yes, on the back shelves.', category: 'books' },
  ]);
});
afterAll(() => server.close());

const listed = async () =>
  (await owner.json('GET', '/api/admin/knowledge?active=all&page_size=100')).body.items as any[];

describe('undoing an import', () => {
  it("removes the visitors' wordings linked to its pairs since, not only the pairs", async () => {
    const csv = 'question,answer,category\nDo you have wifi?,"Yes, the password is on the menu.",general\n';
    const started = await owner.request('POST', '/api/admin/knowledge/import', csv, {
      'content-type': 'text/csv',
    });
    let { job } = (await started.json()) as any;
    for (let i = 0; i < 400 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await owner.json('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
    }
    expect(job.status).toBe('done');

    await server.ask(owner.workspaceId, wording);
    const gap = ((await owner.json('GET', '/api/admin/gaps')).body.items as any[]).find(
      (g) => g.question === wording,
    );
    const wifi = (await listed()).find((p) => p.question === 'Do you have wifi?');
    expect((await owner.json('POST', `/api/admin/gaps/${gap.id}/link`, { qa_id: wifi.id })).status).toBe(200);
    expect((await listed()).map((p) => p.question)).toContain(wording);

    const undone = await owner.json('DELETE', `/api/admin/knowledge/import-batches/${job.result.batch_id}`);
    expect(undone).toMatchObject({ status: 200, body: { deleted: 1 } });
    expect((await listed()).map((p) => p.question)).toEqual(['Do you sell second-hand books?']);
    expect((await owner.json('GET', '/api/admin/overview')).body).toMatchObject({ pairs: 1, phrasings: 0 });
  });
});
