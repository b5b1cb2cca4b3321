/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// The Knowledge page's bulk Activate is refused as Restore is: activating a retired pair whose
// question an active pair has, or two retired copies of one question at once, answers 409 naming
// the conflicts and activates nothing.
let server: TestServer;
let owner: AdminClient;

const create = async (question: string, answer: string) => {
  const res = await owner.json('POST', '/api/admin/knowledge', {
    question,
    answer,
    category: 'shop',
    allow_duplicate: true,
  });
  expect(res.status).toBe(201);
  return res.body.pair.id as string;
};
const retire = async (id: string) =>
  expect((await owner.json('DELETE', `/api/admin/knowledge/${id}`)).status).toBe(200);
const isActive = async (id: string) =>
  (await owner.json('GET', `/api/admin/knowledge/${id}`)).body.pair.is_active;
const bulk = (action: string, ids: string[]) =>
  owner.json('POST', '/api/admin/knowledge/bulk', { action, ids });

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
});
afterAll(() => server.close());

describe('POST /api/admin/knowledge/bulk activate', () => {
  it('refuses a retired copy of an active question, naming it, and activates nothing', async () => {
    const retired = await create('Do you sell plants?', 'Yes: potted plants.');
    await retire(retired);
    const active = await create('Do you sell plants?', 'Yes: potted plants.');
    const other = await create('Do you deliver?', 'Same day within 10 km.');
    await retire(other);

    const res = await bulk('activate', [retired, other]);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(res.body.error.message).toBe(
      'Nothing was activated: that would make two active copies of one question. "Do you sell plants?" duplicates the active pair "Do you sell plants?" (100% similar). Edit or deactivate the other pair first, or activate one of them only.',
    );
    expect(res.body.conflicts).toEqual([
      {
        id: retired,
        question: 'Do you sell plants?',
        duplicate: { id: active, question: 'Do you sell plants?', similarity: 1, active: true },
      },
    ]);
    expect(await isActive(retired)).toBe(false);
    expect(await isActive(other)).toBe(false);
    expect(await isActive(active)).toBe(true);
  });

  it('refuses two retired copies of one question in one batch', async () => {
    const a = await create('What are your opening hours?', 'Nine to five.');
    const b = await create('What are your opening hours?', '9am to 5pm.');
    await retire(a);
    await retire(b);
    const res = await bulk('activate', [a, b]);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain(
      '"What are your opening hours?" duplicates "What are your opening hours?", also selected (100% similar)',
    );
    expect(res.body.conflicts).toHaveLength(1);
    expect(await isActive(a)).toBe(false);
    expect(await isActive(b)).toBe(false);
    // One of them alone is fine.
    expect((await bulk('activate', [a])).body).toEqual({ updated: 1 });
    expect(await isActive(a)).toBe(true);
  });

  it('activates pairs with no active duplicate, and deactivate is unchanged', async () => {
    const [plants] = (
      (await owner.json('GET', '/api/admin/knowledge?active=true&page_size=100')).body.items as any[]
    )
      .filter((p) => p.question === 'Do you sell plants?')
      .map((p) => p.id as string);
    const deliver = (
      (await owner.json('GET', '/api/admin/knowledge?active=false&page_size=100')).body.items as any[]
    )
      .filter((p) => p.question === 'Do you deliver?')
      .map((p) => p.id as string);
    expect((await bulk('activate', [...deliver, plants as string])).body).toEqual({ updated: 2 });
    expect((await bulk('deactivate', [...deliver])).body).toEqual({ updated: 1 });
  });
});
