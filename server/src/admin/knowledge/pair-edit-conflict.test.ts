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

const stale =
  'This pair was changed since you opened it (in another tab or by someone else). Load its current text, then make your change again.';

async function newPair(question: string) {
  const created = await owner.json('POST', '/api/admin/knowledge', {
    question,
    answer: 'We open at nine.',
    category: 'general',
  });
  expect(created.status).toBe(201);
  return created.body.pair;
}

describe('PATCH /api/admin/knowledge/:id with expected_updated_at (no lost update)', () => {
  it('an edit of the version another session has since changed is refused with the current pair', async () => {
    const pair = await newPair('When do you open on Mondays?');
    // Two sessions open the same pair.
    const seenByA = (await owner.json('GET', `/api/admin/knowledge/${pair.id}`)).body.pair;
    const seenByB = (await owner.json('GET', `/api/admin/knowledge/${pair.id}`)).body.pair;
    expect(seenByB.updated_at).toBe(pair.updated_at);

    const a = await owner.json('PATCH', `/api/admin/knowledge/${pair.id}`, {
      answer: 'We open at eight on Mondays.',
      expected_updated_at: seenByA.updated_at,
    });
    expect(a.status).toBe(200);
    expect(a.body.pair.answer).toBe('We open at eight on Mondays.');

    // B saves its older form: refused, A's edit kept, the current text returned to reload.
    const b = await owner.json('PATCH', `/api/admin/knowledge/${pair.id}`, {
      question: seenByB.question,
      answer: 'We open at ten.',
      category: seenByB.category,
      expected_updated_at: seenByB.updated_at,
    });
    expect(b.status).toBe(409);
    expect(b.body.error).toEqual({ code: 'conflict', message: stale });
    expect(b.body.current).toMatchObject({
      id: pair.id,
      answer: 'We open at eight on Mondays.',
      updated_at: a.body.pair.updated_at,
    });
    const now = (await owner.json('GET', `/api/admin/knowledge/${pair.id}`)).body.pair;
    expect(now.answer).toBe('We open at eight on Mondays.');

    // Reloaded, B's edit goes through.
    const again = await owner.json('PATCH', `/api/admin/knowledge/${pair.id}`, {
      answer: 'We open at ten.',
      expected_updated_at: b.body.current.updated_at,
    });
    expect(again.status).toBe(200);
    expect(again.body.pair.answer).toBe('We open at ten.');
  });

  it('two saves of the same version at once: one is kept, the other refused', async () => {
    for (let round = 0; round < 5; round++) {
      const pair = await newPair(`Is parking free at branch ${round}?`);
      const save = (answer: string) =>
        owner.json('PATCH', `/api/admin/knowledge/${pair.id}`, {
          answer,
          expected_updated_at: pair.updated_at,
        });
      const results = await Promise.all([
        save('Yes, parking is free.'),
        save('No, parking costs two pounds.'),
      ]);
      expect(results.map((r) => r.status).sort(), `round ${round}`).toEqual([200, 409]);
      const kept = results.find((r) => r.status === 200)?.body.pair.answer;
      const now = (await owner.json('GET', `/api/admin/knowledge/${pair.id}`)).body.pair;
      expect(now.answer).toBe(kept);
    }
  });

  it('without expected_updated_at an edit is applied as before (API clients, scripts)', async () => {
    const pair = await newPair('Do you sell gift cards?');
    await owner.json('PATCH', `/api/admin/knowledge/${pair.id}`, { answer: 'Yes, in store.' });
    const res = await owner.json('PATCH', `/api/admin/knowledge/${pair.id}`, { answer: 'Yes, online too.' });
    expect(res.status).toBe(200);
    expect(res.body.pair.answer).toBe('Yes, online too.');
  });

  it('an expected_updated_at that is not a timestamp is a 400', async () => {
    const pair = await newPair('Do you deliver on Sundays?');
    const res = await owner.json('PATCH', `/api/admin/knowledge/${pair.id}`, {
      answer: 'No.',
      expected_updated_at: 'yesterday',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });
});
