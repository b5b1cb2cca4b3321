/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies and command output are checked by the assertions */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpOwner } from '../../../test/admin/admin-client';
import { runClara } from '../../../test/run-clara';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
const dataDir = mkdtempSync(join(tmpdir(), 'clara-import-rows-'));

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * A bookshop-café's file as a spreadsheet shows it: row 2 has a two-line answer, row 3 an empty
 * answer, row 4 is blank, row 5 repeats row 2's question, row 6 is fine.
 */
const file = (eol: string) =>
  [
    'question,answer,category',
    `"Do you have wifi?","Yes.${eol}The password is on the menu.",general`,
    'Can I bring my dog?,,general',
    '',
    'do you have wifi?,Yes,general',
    'Do you sell second-hand books?,"Yes, on the back shelves.",books',
    '',
  ].join(eol);
const expectedErrors = [
  { row: 3, message: 'answer is empty' },
  { row: 5, message: 'duplicate question: same as row 2' },
];

describe('import row numbers are the rows a spreadsheet shows', () => {
  for (const [name, eol] of [
    ['CRLF', '\r\n'],
    ['LF', '\n'],
  ] as const) {
    it(`in the admin preview and import (${name} line endings)`, async () => {
      const fresh = await signUpOwner(server.url);
      const preview = await fresh.request('POST', '/api/admin/knowledge/import/preview', file(eol), {
        'content-type': 'text/csv',
      });
      const body = (await preview.json()) as any;
      expect(preview.status).toBe(200);
      expect(body.errors).toEqual(expectedErrors);
      expect(body.sample.map((r: any) => r.row)).toEqual([2, 6]);

      const started = await fresh.request('POST', '/api/admin/knowledge/import', file(eol), {
        'content-type': 'text/csv',
      });
      let { job } = (await started.json()) as any;
      for (let i = 0; i < 400 && job.status === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        job = (await fresh.json('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
      }
      expect(job.status).toBe('done');
      expect(job.result.errors).toEqual(expectedErrors);
    });
  }

  it('in `clara import` (CRLF line endings)', async () => {
    const env = { CLARA_DATA_DIR: dataDir };
    const created = await runClara(
      ['workspace', 'create', '--email', 'rows@example.com', '--password', 'a-long-enough-password'],
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    const csv = join(dataDir, 'shop.csv');
    writeFileSync(csv, file('\r\n'));
    const res = await runClara(['import', csv, '--workspace', JSON.parse(created.stdout).workspace_id], env);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout).errors).toEqual(expectedErrors);
  }, 180_000);
});
