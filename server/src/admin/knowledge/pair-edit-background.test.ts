/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { markAugmented } from '@clara/supabase';
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

const tick = () => new Promise((r) => setTimeout(r, 5));

async function openedPair(question: string) {
  const created = await owner.json('POST', '/api/admin/knowledge', {
    question,
    answer: 'We open at nine.',
    category: 'general',
  });
  expect(created.status).toBe(201);
  await tick();
  return (await owner.json('GET', `/api/admin/knowledge/${created.body.pair.id}`)).body.pair;
}

/** Work that touches the pair without the owner changing it: augmentation's mark, deactivate + restore. */
async function backgroundTouches(id: string) {
  await tick();
  await markAugmented(server.db, owner.workspaceId, id);
  await tick();
  expect((await owner.json('DELETE', `/api/admin/knowledge/${id}`)).status).toBe(200);
  expect((await owner.json('POST', `/api/admin/knowledge/${id}/restore`)).status).toBe(200);
}

const current = async (id: string) => (await owner.json('GET', `/api/admin/knowledge/${id}`)).body.pair;

describe('PATCH /api/admin/knowledge/:id expected_updated_at and background work', () => {
  it('a pair touched only by background work since it was opened saves (identical text, or a new answer)', async () => {
    const opened = await openedPair('When do you open on Tuesdays?');
    await backgroundTouches(opened.id);
    // The touches moved updated_at on: the old check took this for someone's edit.
    expect((await current(opened.id)).updated_at).not.toBe(opened.updated_at);

    const same = await owner.json('PATCH', `/api/admin/knowledge/${opened.id}`, {
      question: opened.question,
      answer: opened.answer,
      category: opened.category,
      expected_updated_at: opened.updated_at,
    });
    expect(same.status).toBe(200);

    const edited = await owner.json('PATCH', `/api/admin/knowledge/${opened.id}`, {
      question: opened.question,
      answer: 'We open at ten on Tuesdays.',
      category: opened.category,
      expected_updated_at: opened.updated_at,
    });
    expect(edited.status).toBe(200);
    expect((await current(opened.id)).answer).toBe('We open at ten on Tuesdays.');
  });

  it('an edit by another session since it was opened is still refused, background work after it or not', async () => {
    const opened = await openedPair('When do you open on Wednesdays?');
    await tick();
    const other = await owner.json('PATCH', `/api/admin/knowledge/${opened.id}`, {
      answer: 'We open at eight on Wednesdays.',
    });
    expect(other.status).toBe(200);
    await backgroundTouches(opened.id);

    const stale = await owner.json('PATCH', `/api/admin/knowledge/${opened.id}`, {
      question: opened.question,
      answer: 'We open at ten on Wednesdays.',
      category: opened.category,
      expected_updated_at: opened.updated_at,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect(stale.body.current.answer).toBe('We open at eight on Wednesdays.');
    expect((await current(opened.id)).answer).toBe('We open at eight on Wednesdays.');

    // Reloaded (after more background work), the save goes through.
    await backgroundTouches(opened.id);
    const again = await owner.json('PATCH', `/api/admin/knowledge/${opened.id}`, {
      answer: 'We open at ten on Wednesdays.',
      expected_updated_at: stale.body.current.updated_at,
    });
    expect(again.status).toBe(200);
  });

  it('a bulk move to another category by another session is refused too', async () => {
    const opened = await openedPair('When do you open on Thursdays?');
    await tick();
    const moved = await owner.json('POST', '/api/admin/knowledge/bulk', {
      action: 'recategorise',
      ids: [opened.id],
      category: 'Hours',
    });
    expect(moved.status).toBe(200);
    const stale = await owner.json('PATCH', `/api/admin/knowledge/${opened.id}`, {
      answer: 'We open at ten on Thursdays.',
      category: opened.category,
      expected_updated_at: opened.updated_at,
    });
    expect(stale.status).toBe(409);
    expect((await current(opened.id)).category).toBe('Hours');
  });
});
