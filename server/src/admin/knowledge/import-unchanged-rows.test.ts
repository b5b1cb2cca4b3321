/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
let owner: AdminClient;

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, [
    { question: 'Do you groom cats?', answer: 'Sorry, we only groom dogs.', category: 'services' },
    { question: 'Where are you located?', answer: '12 Elm Street.', category: 'general' },
  ]);
});
afterAll(() => server.close());

describe('POST /api/admin/knowledge/import/preview: unchanged_rows', () => {
  it('names the rows already in the knowledge base as they are, and keeps them in errors', async () => {
    const csv = [
      'question,answer',
      'Do you groom cats?,"Sorry, we only groom dogs."',
      'Where are you located?,12 Elm Street.',
      'Do you trim nails?,Yes: $15 walk-in.',
      'Do you sell shampoo?,',
      'Do you groom cats?,We groom cats now.',
    ].join('\n');
    const res = await owner.request('POST', '/api/admin/knowledge/import/preview', csv, {
      'content-type': 'text/csv',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.unchanged_rows).toEqual([2, 3]);
    // Older clients still see every skipped row under errors; the empty answer is a problem, not unchanged.
    expect(body.errors.map((e: any) => e.row)).toEqual(expect.arrayContaining([2, 3, 5]));
    expect(body.unchanged_rows).not.toContain(5);
    expect(body.valid).toBe(1);
    expect(body.changed).toBe(0);
  });
});
