/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// Excel in many European locales saves "CSV" with semicolons (the comma is the decimal separator):
// the import reads the separator from the header row and says which it read.
let server: TestServer;
let owner: AdminClient;
beforeAll(async () => {
  server = await startTestServer({ env: { CLARA_SIGNUP: 'open' } });
  owner = await signUpOwner(server.url);
}, 60_000);
afterAll(() => server.close());

const csvHeaders = { 'content-type': 'text/csv' };
const send = async (path: 'import/preview' | 'import', text: string) => {
  const res = await owner.request('POST', `/api/admin/knowledge/${path}`, text, csvHeaders);
  return { status: res.status, body: (await res.json()) as any };
};

async function importFile(text: string) {
  const started = await send('import', text);
  expect(started.status).toBe(202);
  let { job } = started.body;
  for (let i = 0; i < 200 && job.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    job = (await owner.json('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
  }
  expect(job.status).toBe('done');
  return job.result;
}

describe('importing a CSV separated by semicolons', () => {
  it('previews and imports a semicolon file, plain or quoted, saying which separator it read', async () => {
    const plain =
      'question;answer;category\nHow much is a first visit?;£45,50 for an hour;Prices\nDo you treat sports injuries?;Yes, most of them;Conditions\n';
    const preview = await send('import/preview', plain);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ total: 2, valid: 2, errors: [], separator: 'semicolons' });
    expect(preview.body.sample[0]).toMatchObject({ answer: '£45,50 for an hour', category: 'Prices' });
    expect((await importFile(plain)).imported).toBe(2);

    // Quoted fields (Excel quotes a cell holding the separator): refused before as a quoting error.
    const quoted =
      '\uFEFF"question";"answer";"category"\r\n"Can I park; is it free?";"Yes; behind the clinic.";"Getting here"\r\n';
    const q = await send('import/preview', quoted);
    expect(q.status).toBe(200);
    expect(q.body).toMatchObject({ valid: 1, errors: [], separator: 'semicolons' });
    expect((await importFile(quoted)).imported).toBe(1);

    const { body } = await owner.json('GET', '/api/admin/knowledge?page_size=100');
    expect(
      Object.fromEntries((body.items as any[]).map((p) => [p.question, `${p.answer} | ${p.category}`])),
    ).toEqual({
      'How much is a first visit?': '£45,50 for an hour | Prices',
      'Do you treat sports injuries?': 'Yes, most of them | Conditions',
      'Can I park; is it free?': 'Yes; behind the clinic. | Getting here',
    });

    // A comma file says commas.
    const commas = await send('import/preview', 'question,answer\nIs there a lift?,Yes\n');
    expect(commas.body).toMatchObject({ valid: 1, separator: 'commas' });
  });
});
