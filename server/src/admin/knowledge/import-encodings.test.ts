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

/** Sends a file's bytes as the admin's import dialog does (the File itself as the body). */
async function send(path: 'import/preview' | 'import', bytes: Uint8Array) {
  const res = await fetch(`${server.url}/api/admin/knowledge/${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'text/csv',
      accept: 'application/json',
      cookie: [...owner.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-csrf-token': owner.cookies.get('clara_csrf') ?? '',
    },
    body: bytes,
  });
  return { status: res.status, body: (await res.json()) as any };
}

const csv = 'question,answer,category\nHow much is delivery?,£4 per order.,général\nDo you deliver?,Yes.,\n';
const utf16be = (text: string) => {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  return le.swap16();
};
const saveAs = 'In Excel choose File → Save As → "CSV UTF-8 (Comma delimited)" and import that file.';

describe('CSV import: file encodings', () => {
  it('reads UTF-16 with a byte order mark (both byte orders) and UTF-8 with or without a BOM', async () => {
    const files: [string, Uint8Array][] = [
      ['UTF-8', Buffer.from(csv, 'utf8')],
      ['UTF-8 with BOM', Buffer.from(`\uFEFF${csv}`, 'utf8')],
      ['UTF-16 LE', Buffer.from(`\uFEFF${csv}`, 'utf16le')],
      ['UTF-16 BE', utf16be(csv)],
    ];
    for (const [name, bytes] of files) {
      const res = await send('import/preview', bytes);
      expect(res.status, name).toBe(200);
      expect(res.body, name).toMatchObject({
        total: 2,
        valid: 2,
        errors: [],
        sample: [
          { row: 2, question: 'How much is delivery?', answer: '£4 per order.', category: 'général' },
          {},
        ],
      });
    }
    const started = await send('import', utf16be(csv));
    expect(started.status).toBe(202);
    let job = started.body.job;
    for (let i = 0; i < 200 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await owner.json('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
    }
    expect(job.result).toMatchObject({ imported: 2, errors: [] });
    const { body } = await owner.json('GET', '/api/admin/knowledge?q=delivery');
    expect(body.items[0]).toMatchObject({ answer: '£4 per order.', category: 'général' });
  });

  it('refuses a Windows-1252 file (Excel\'s plain "CSV (Comma delimited)") saying how to save it as UTF-8', async () => {
    // Row 4 on a spreadsheet (line 5 of the file: the answer above spans two lines).
    const windows = Buffer.from(
      'question,answer\nDo you deliver?,Yes.\n"Do you bake cakes?","Yes,\nto order."\nHow much is it?,£4 or 5 €.\n',
      'latin1',
    );
    for (const path of ['import/preview', 'import'] as const) {
      const res = await send(path, windows);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.message).toBe(
        `This file is not UTF-8 text (row 4 has a character in another encoding: the file looks saved in a Windows encoding, as Excel's plain "CSV (Comma delimited)" does). ${saveAs}`,
      );
    }
  });

  it('refuses UTF-16 without a byte order mark, and still tells a binary file from text', async () => {
    const noBom = await send('import/preview', Buffer.from(csv, 'utf16le'));
    expect(noBom.status).toBe(400);
    expect(noBom.body.error.message).toBe(
      `This file is not UTF-8 text: it looks like UTF-16 without a byte order mark. ${saveAs}`,
    );
    // A PNG's own bytes (not UTF-8) and a workbook (a ZIP).
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)),
    ]);
    expect((await send('import/preview', png)).body.error.message).toBe(
      "This file is not a CSV text file: it holds binary data (an image, a PDF or another program's file), not rows of text. Save the questions and answers as CSV (comma delimited) and import that.",
    );
    const xlsx = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0]),
      Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 104729) % 256)),
    ]);
    expect((await send('import/preview', xlsx)).body.error.message).toBe(
      'This file is not a CSV text file. It looks like a spreadsheet workbook: save it as CSV (comma delimited) and import that.',
    );
    // Only the first test's import is in the knowledge base.
    expect((await owner.json('GET', '/api/admin/knowledge')).body.total).toBe(2);
  });
});
