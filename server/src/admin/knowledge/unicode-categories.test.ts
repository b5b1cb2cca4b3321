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

const create = (question: string, category: string) =>
  owner.json('POST', '/api/admin/knowledge', { question, answer: 'Yes.', category, allow_duplicate: true });

describe('categories in any script', () => {
  it('accepts letters and digits beyond ASCII (composed or not) and keeps refusing other signs', async () => {
    const cases: [string, string][] = [
      ['Général', 'Général'],
      // e + combining acute (a decomposed é): stored composed, as the same category (its first spelling).
      ['ge\u0301ne\u0301ral', 'Général'],
      ['Große Preise', 'Große Preise'],
      ['価格', '価格'],
      ['Ціни-2026', 'Ціни-2026'],
      // Scripts written with combining marks, and a capital that lower-cases into two code points.
      ['हिन्दी', 'हिन्दी'],
      ['தமிழ்', 'தமிழ்'],
      ['İstanbul', 'İstanbul'],
      ['i̇stanbul'.normalize('NFC'), 'İstanbul'],
    ];
    for (const [i, [given, stored]] of cases.entries()) {
      const res = await create(`Do you have question ${i}?`, given);
      expect(res.status, given).toBe(201);
      expect(res.body.pair.category).toBe(stored);
    }
    for (const bad of ['prix/€', 'a<b', 'tarifs!']) {
      const res = await create('Is this refused?', bad);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.message).toContain(
        "category may hold letters, digits, spaces and _ - & ' . , / + ( )",
      );
    }
    const { body } = await owner.json('GET', '/api/admin/knowledge/categories');
    expect(body.categories).toContain('Général');

    const pair = (await owner.json('GET', '/api/admin/knowledge?q=question%200')).body.items[0];
    const moved = await owner.json('PATCH', `/api/admin/knowledge/${pair.id}`, { category: 'Société' });
    expect(moved.status).toBe(200);
    expect(moved.body.pair.category).toBe('Société');
    const bulk = await owner.json('POST', '/api/admin/knowledge/bulk', {
      action: 'recategorise',
      ids: [pair.id],
      category: 'Café',
    });
    expect(bulk.status).toBe(200);
  });

  it('imports a CSV with accented categories (the admin import)', async () => {
    const res = await owner.request(
      'POST',
      '/api/admin/knowledge/import/preview',
      'question,answer,category\nOù livrez-vous ?,Partout en France.,Général\nQuel est le prix ?,10 €.,prix/€\n',
      { 'content-type': 'text/csv' },
    );
    const body = (await res.json()) as any;
    expect(body).toMatchObject({
      valid: 1,
      errors: [{ row: 3, message: "category may hold letters, digits, spaces and _ - & ' . , / + ( )" }],
    });
  });
});
