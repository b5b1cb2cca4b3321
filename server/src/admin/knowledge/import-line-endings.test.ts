/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// The export writes CRLF; a row added in an editor that writes LF (or an old Mac's lone CR) must
// not make the whole file unreadable.
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
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  let { job } = started.body;
  for (let i = 0; i < 200 && job.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    job = (await owner.json('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
  }
  expect(job.status).toBe('done');
  return job.result;
}

const answers = async () => {
  const { body } = await owner.json('GET', '/api/admin/knowledge?active=all&page_size=100');
  return Object.fromEntries((body.items as any[]).map((p) => [p.question, p.answer]));
};

describe('importing a CSV with mixed line endings', () => {
  it('reads a three-line file mixing CRLF and LF, quoted or not', async () => {
    const quoted =
      'question,answer\r\n"Do you fix punctures?","Yes, while you wait."\n"Do you sell helmets?","Yes."\r\n';
    const preview = await send('import/preview', quoted);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ total: 2, valid: 2, errors: [] });
    // Unquoted: read with the first line's ending, the LF row ran into the one above it.
    const plain =
      'question,answer\nDo you service e-bikes?,Yes.\r\nDo you rent bikes?,No.\rDo you sell tubes?,Yes.\n';
    const p = await send('import/preview', plain);
    expect(p.body).toMatchObject({ total: 3, valid: 3, errors: [] });
    expect((await importFile(quoted)).imported).toBe(2);
    expect((await importFile(plain)).imported).toBe(3);
    expect(await answers()).toMatchObject({
      'Do you fix punctures?': 'Yes, while you wait.',
      'Do you sell helmets?': 'Yes.',
      'Do you service e-bikes?': 'Yes.',
      'Do you rent bikes?': 'No.',
      'Do you sell tubes?': 'Yes.',
    });
  });

  it('re-imports an export (CRLF) with a row added in an LF editor, keeping line breaks inside answers', async () => {
    owner = await signUpOwner(server.url);
    await importFile(
      'question,answer,category\r\n"What are your opening hours?","Mon–Fri 9–6\r\nSat 10–4",hours\r\n',
    );
    const exported = await (await owner.request('GET', '/api/admin/knowledge/export.csv')).text();
    expect(exported).toContain('\r\n');
    // The new row typed in under the header, its line ended (and its answer broken) with LF.
    const [header, ...rest] = exported.split('\r\n');
    const edited = `${header}\r\nDo you fit mudguards?,"Yes: £15\nfitted.",workshop\n${rest.join('\r\n')}`;
    const preview = await send('import/preview', edited);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    // Read with the export's CRLF alone, the LF row swallowed the exported row after it.
    expect(preview.body).toMatchObject({ total: 2, valid: 1 });
    expect(preview.body.errors.map((e: any) => e.row)).toEqual([3]);
    expect(preview.body.sample[0]).toMatchObject({ question: 'Do you fit mudguards?', category: 'workshop' });
    expect((await importFile(edited)).imported).toBe(1);
    const now = await answers();
    expect(now['Do you fit mudguards?']).toBe('Yes: £15\nfitted.');
    expect(now['What are your opening hours?']).toMatch(/^Mon–Fri 9–6\r?\nSat 10–4$/);
  });
});
