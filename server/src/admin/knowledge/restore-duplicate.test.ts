/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// Restoring a retired pair whose question an active pair now has is refused as adding it would
// be (409, naming the active pair): restoring never makes two active copies of one question.
let server: TestServer;
let owner: AdminClient;

const create = async (question: string, answer: string) => {
  const res = await owner.json('POST', '/api/admin/knowledge', { question, answer, category: 'shop' });
  expect(res.status).toBe(201);
  return res.body.pair.id as string;
};

const activeWith = async (question: string) =>
  ((await owner.json('GET', '/api/admin/knowledge?active=true&page_size=100')).body.items as any[]).filter(
    (p) => p.question === question,
  );

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
});
afterAll(() => server.close());

describe('POST /api/admin/knowledge/:id/restore', () => {
  it('refuses with 409 when an active pair has the same question, naming it', async () => {
    const retired = await create('Do you sell plants?', 'Yes: potted plants.');
    expect((await owner.json('DELETE', `/api/admin/knowledge/${retired}`)).status).toBe(200);
    // Add pair with that question again is allowed now (the first one is inactive).
    const active = await create('Do you sell plants?', 'Yes: potted plants.');
    const res = await owner.json('POST', `/api/admin/knowledge/${retired}/restore`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(res.body.error.message).toBe(
      'This looks like a duplicate (100% similar) of an active pair: "Do you sell plants?". Edit or deactivate that pair first, then restore this one.',
    );
    expect(res.body.duplicate).toMatchObject({ id: active, question: 'Do you sell plants?' });
    expect((await activeWith('Do you sell plants?')).map((p) => p.id)).toEqual([active]);
    const kept = await owner.json('GET', `/api/admin/knowledge/${retired}`);
    expect(kept.body.pair.is_active).toBe(false);
  });

  it('restores once the active duplicate is deactivated', async () => {
    const [active] = await activeWith('Do you sell plants?');
    expect((await owner.json('DELETE', `/api/admin/knowledge/${active.id}`)).status).toBe(200);
    const all = (await owner.json('GET', '/api/admin/knowledge?active=false&page_size=100')).body
      .items as any[];
    const retired = all.find((p) => p.question === 'Do you sell plants?' && p.id !== active.id);
    const res = await owner.json('POST', `/api/admin/knowledge/${retired.id}/restore`);
    expect(res.status).toBe(200);
    expect(res.body.pair).toMatchObject({ id: retired.id, is_active: true });
  });

  it('restores a pair with no active duplicate, and an active pair is left as it is', async () => {
    const id = await create('Do you deliver?', 'Same day within 10 km.');
    expect((await owner.json('DELETE', `/api/admin/knowledge/${id}`)).status).toBe(200);
    expect((await owner.json('POST', `/api/admin/knowledge/${id}/restore`)).body.pair.is_active).toBe(true);
    const again = await owner.json('POST', `/api/admin/knowledge/${id}/restore`);
    expect(again.status).toBe(200);
    expect(again.body.pair.is_active).toBe(true);
  });

  it('answers 404 for an unknown pair', async () => {
    const res = await owner.json('POST', '/api/admin/knowledge/00000000-0000-4000-8000-000000000000/restore');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
