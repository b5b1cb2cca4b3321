/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// A physiotherapy clinic is offered its own categories, never the seed's defaults (case_studies,
// developers, retention… another business's).
let server: TestServer;
let owner: AdminClient;
beforeAll(async () => {
  server = await startTestServer({ env: { CLARA_SIGNUP: 'open' } });
  owner = await signUpOwner(server.url);
}, 60_000);
afterAll(() => server.close());

const categories = async () => (await owner.json('GET', '/api/admin/knowledge/categories')).body;

describe('GET /api/admin/knowledge/categories', () => {
  it('offers general to a new workspace, then only the categories it uses', async () => {
    expect(await categories()).toEqual({ categories: ['general'], in_use: [] });
    for (const [question, category] of [
      ['How long is the first visit?', 'First visit'],
      ['Do you sell gift vouchers?', 'Gift Vouchers'],
      ['Who runs the clinic?', 'About us'],
    ]) {
      const res = await owner.json('POST', '/api/admin/knowledge', { question, answer: 'Yes.', category });
      expect(res.status).toBe(201);
    }
    expect(await categories()).toEqual({
      categories: ['About us', 'First visit', 'Gift Vouchers'],
      in_use: ['About us', 'First visit', 'Gift Vouchers'],
    });
  });
});
