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

const unclosed =
  'Row 2: a field opens a quote (") that is never closed, so the rest of the file reads as one field; add the closing quote, and double any quote inside the field ("").';

/** 40,000 short pairs after row 2: the runaway quote reaches csv-parse's 64 KB record limit long before the end. */
const fileWith = (second: string, eol = '\n') =>
  [
    'question,answer',
    second,
    ...Array.from({ length: 40_000 }, (_, i) => `Short question ${i}?,Answer ${i}.`),
  ].join(eol);

describe('an unclosed quote near the top of a long file', () => {
  it('is named on its row, not reported as a row over 64 KB', async () => {
    for (const second of [
      '"Do you open on Sundays?,Yes from ten.',
      'Do you open on Sundays?,"Yes from ten.',
    ]) {
      for (const [path, eol] of [
        ['import/preview', '\n'],
        ['import', '\n'],
        ['import/preview', '\r\n'],
      ] as const) {
        const res = await send(path, fileWith(second, eol));
        expect(res.status, `${path} ${second} ${JSON.stringify(eol)}`).toBe(400);
        expect(res.body.error).toEqual({ code: 'validation_failed', message: unclosed });
      }
    }
  });

  it('a row that is really over 64 KB, its quotes closed, is still reported as too long', async () => {
    const long = `Do you have a long policy?,"${'Yes, and here it is. '.repeat(4000)}"`;
    const res = await send('import/preview', fileWith(long));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Row 2: the row is over 64 KB/);
  });
});
