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

const send = async (path: 'import/preview' | 'import', body: string) => {
  const res = await owner.request('POST', `/api/admin/knowledge/${path}`, body, {
    'content-type': 'text/csv',
  });
  return { status: res.status, body: (await res.json()) as any };
};

/** Bytes a browser's `file.text()` makes of a PNG: undecodable bytes become U+FFFD, NULs stay. */
const png = `\uFFFDPNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000\u0001\uFFFD${'\uFFFD\u0004\u0010x'.repeat(200)}`;

describe('CSV import: files it cannot read', () => {
  it('answers each broken file with 400 and a plain message, on preview and on import', async () => {
    const cases: [string, string, string][] = [
      [
        'a bad quote',
        'question,answer\n"Do you deliver?"Y,Yes\n',
        'Row 2: a quote inside a field must be doubled (""), and a field in quotes must end with its closing quote right before the next comma.',
      ],
      // Rows as a spreadsheet numbers them (and as the row errors do): a two-line answer is one
      // row, a blank line is one: the file's line 5 is row 4 (csv-parse's line count said 6).
      [
        'a bad quote after a two-line answer and a blank line',
        'question,answer\r\n"Do you ship?","Yes,\r\nabroad too."\r\n\r\n"Do you deliver?"Y,Yes\r\n',
        'Row 4: a quote inside a field must be doubled (""), and a field in quotes must end with its closing quote right before the next comma.',
      ],
      [
        'a quote never closed',
        'question,answer\n"Do you ship?","Yes,\nabroad too."\nDo you deliver?,Yes\n"Do you bake cakes?,Yes\nAre you open?,Yes\n',
        'Row 4: a field opens a quote (") that is never closed, so the rest of the file reads as one field; add the closing quote, and double any quote inside the field ("").',
      ],
      [
        'a quote never closed in the header',
        '\n"question,answer\nDo you deliver?,Yes\n',
        'Row 2 (the header): a field opens a quote (") that is never closed, so the rest of the file reads as one field; add the closing quote, and double any quote inside the field ("").',
      ],
      [
        'no header (the first row is a pair)',
        'Do you deliver?,"Yes, Monday to Saturday."\nDo you bake cakes?,To order.\n',
        'Row 1 must be the header, naming the columns question,answer[,category]; it reads “Do you deliver?”, “Yes, Monday to Saturday.”. Add that header row above the pairs.',
      ],
      [
        'a binary file',
        png,
        "This file is not a CSV text file: it holds binary data (an image, a PDF or another program's file), not rows of text. Save the questions and answers as CSV (comma delimited) and import that.",
      ],
      [
        'an empty file',
        '',
        'The file is empty: it needs a header row question,answer[,category] and one row per pair.',
      ],
      [
        'only blank lines',
        '\uFEFF\r\n\r\n',
        'The file is empty: it needs a header row question,answer[,category] and one row per pair.',
      ],
      [
        'a header and no rows',
        'question,answer,category\n',
        'The file has a header row but no pairs: add one row per question and answer below it.',
      ],
    ];
    for (const [name, file, message] of cases) {
      for (const path of ['import/preview', 'import'] as const) {
        const res = await send(path, file);
        expect(res.status, `${name} (${path})`).toBe(400);
        expect(res.body, `${name} (${path})`).toEqual({ error: { code: 'validation_failed', message } });
      }
    }
    // Nothing was imported, and nothing the owner sent was a server error.
    expect((await owner.json('GET', '/api/admin/knowledge')).body.total).toBe(0);
    const errors = server.logs.map((l) => JSON.parse(l)).filter((l: any) => l.level >= 50);
    expect(errors).toEqual([]);
  });

  it('names the 20 MB limit it checks: over 20 × 1024 × 1024 bytes is refused as "over 20 MB"', async () => {
    const limit = 20 * 1024 * 1024;
    const over = `question,answer\nq,"${'x'.repeat(limit)}"\n`;
    for (const path of ['import/preview', 'import'] as const) {
      const res = await send(path, over);
      expect(res.status, path).toBe(413);
      expect(res.body, path).toEqual({
        error: { code: 'payload_too_large', message: 'The file is over 20 MB.' },
      });
    }
    // Sent without Content-Length (chunked), the same limit while reading.
    const chunk = new TextEncoder().encode('x'.repeat(1024 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ > 21) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const cookie = [...owner.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const chunked = await fetch(`${server.url}/api/admin/knowledge/import/preview`, {
      method: 'POST',
      headers: {
        'content-type': 'text/csv',
        accept: 'application/json',
        cookie,
        'x-csrf-token': owner.cookies.get('clara_csrf') ?? '',
      },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as any).error.message).toBe('The file is over 20 MB.');
    // 20.5 million bytes is under 20 MB as the message counts it: read, then refused for its content.
    const under = await send('import/preview', `question,answer\nq,"${'x'.repeat(20_500_000)}"\n`);
    expect(under.status).toBe(400);
    expect(under.body.error.message).toMatch(/^Row 2: the row is over 64 KB/);
  });
});
