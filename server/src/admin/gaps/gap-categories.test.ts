/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
let owner: AdminClient;

beforeAll(async () => {
  server = await startTestServer({ env: { CLARA_SIGNUP: 'open' } });
  owner = await signUpOwner(server.url);
}, 60_000);
afterAll(() => server.close());

describe('categories with common punctuation (a bookshop-café)', () => {
  it('imports a CSV whose category is "stationery & more"', async () => {
    const res = await owner.request(
      'POST',
      '/api/admin/knowledge/import/preview',
      "question,answer,category\nDo you sell notebooks?,Yes: plain and lined.,stationery & more\nDo you have kids' books?,Yes.,kids' books\n",
      { 'content-type': 'text/csv' },
    );
    const body = (await res.json()) as any;
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ valid: 2, errors: [] });
  });

  it('answers a gap in a new category typed by the owner, and still refuses symbols', async () => {
    expect((await server.ask(owner.workspaceId, 'do you sell fountain pens')).message.gap_detected).toBe(
      true,
    );
    const group = (await owner.json('GET', '/api/admin/gaps/groups')).body.groups[0];
    const refused = await owner.json('POST', '/api/admin/gaps/groups/resolve', {
      gap_ids: [group.id],
      answer: 'Yes, a few.',
      category: 'pens <3',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain(
      "category may hold letters, digits, spaces and _ - & ' . , / + ( )",
    );
    const saved = await owner.json('POST', '/api/admin/gaps/groups/resolve', {
      gap_ids: [group.id],
      answer: 'Yes, a few.',
      category: 'Stationery & More',
    });
    expect(saved.status).toBe(200);
    const pair = (await owner.json('GET', '/api/admin/knowledge?q=fountain')).body.items[0];
    expect(pair.category).toBe('Stationery & More');
  });
});
