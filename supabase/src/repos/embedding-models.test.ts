import { createHashingEmbedder } from '@clara/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresChatStore } from '../chat-store';
import type { Database } from '../database';
import { createTestDatabase } from '../testing/test-database';
import { foreignEmbedders, workspacesToReembed } from './embedding-models';
import { insertQaPairs } from './qa-pairs';
import { createUser } from './users';
import { createWorkspace } from './workspaces';

const embedder = createHashingEmbedder();
let db: Database;
let mixed: string;
let clean: string;

async function workspaceWith(models: (string | null)[], active = true): Promise<string> {
  const user = await createUser(db, `${Math.random().toString(36).slice(2)}@example.com`, 'x');
  const ws = await createWorkspace(db, user.id);
  const vectors = await embedder.embed(models.map((_, i) => `Question number ${i}?`));
  const ids = await insertQaPairs(
    db,
    ws.id,
    models.map((model, i) => ({
      question: `Question number ${i}?`,
      answer: `Answer ${i}.`,
      category: 'general',
      embedding: vectors[i] as Float32Array,
      source: 'manual',
      metadata: model === null ? {} : { embedding_model: model },
    })),
  );
  if (!active)
    await db.query(
      "UPDATE qa_pairs SET is_active = false WHERE id = ANY($1::uuid[]) AND metadata->>'embedding_model' IS DISTINCT FROM $2",
      [ids, 'current-v1'],
    );
  return ws.id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  mixed = await workspaceWith(['current-v1', 'old-v0', null]);
  clean = await workspaceWith(['current-v1', 'current-v1']);
});
afterAll(() => db.close());

describe('mixed embedders', () => {
  it('lists the other embedders of a workspace’s active pairs', async () => {
    expect(await foreignEmbedders(db, mixed, 'current-v1')).toEqual(['old-v0', 'unknown']);
    expect(await foreignEmbedders(db, clean, 'current-v1')).toEqual([]);
  });

  it('search refuses a workspace embedded by another embedder, saying to reindex', async () => {
    const store = createPostgresChatStore(db, { embedderId: 'current-v1' });
    const [q] = await embedder.embed(['Question number 1?']);
    await expect(store.search(mixed, q as Float32Array, { threshold: 0, count: 5 })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/clara reindex/),
    });
    expect((await store.search(clean, q as Float32Array, { threshold: 0, count: 5 })).length).toBe(2);
    // Without an embedder id (the seed's behaviour) no check is made.
    expect(
      (await createPostgresChatStore(db).search(mixed, q as Float32Array, { threshold: 0, count: 5 })).length,
    ).toBe(3);
  });

  it('ignores inactive pairs when searching, and lists every stale workspace for re-embedding', async () => {
    const onlyInactiveStale = await workspaceWith(['current-v1', 'old-v0'], false);
    const store = createPostgresChatStore(db, { embedderId: 'current-v1' });
    const [q] = await embedder.embed(['Question number 0?']);
    expect(
      (await store.search(onlyInactiveStale, q as Float32Array, { threshold: 0, count: 5 })).length,
    ).toBe(1);
    const stale = await workspacesToReembed(db, 'current-v1');
    expect(stale).toEqual(expect.arrayContaining([mixed, onlyInactiveStale]));
    expect(stale).not.toContain(clean);
  });

  it('the embedded copy follows changes: a pair re-embedded by another embedder, then deactivated, then deleted', async () => {
    const ws = await workspaceWith(['current-v1', 'current-v1', 'current-v1']);
    const store = createPostgresChatStore(db, { embedderId: 'current-v1', inMemoryVectors: true });
    const [q] = await embedder.embed(['Question number 2?']);
    const search = () => store.search(ws, q as Float32Array, { threshold: 0, count: 5 });
    expect((await search()).length).toBe(3); // the copy is loaded and clean
    const [row] = await db.query<{ id: string }>(
      "SELECT id FROM qa_pairs WHERE workspace_id = $1 AND question = 'Question number 2?'",
      [ws],
    );
    const id = row?.id as string;
    await db.query(`UPDATE qa_pairs SET metadata = '{"embedding_model":"old-v0"}' WHERE id = $1`, [id]);
    await expect(search()).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/old-v0/),
    });
    await db.query(`UPDATE qa_pairs SET metadata = '{}' WHERE id = $1`, [id]);
    await expect(search()).rejects.toMatchObject({ message: expect.stringMatching(/unknown/) });
    await db.query('UPDATE qa_pairs SET is_active = false WHERE id = $1', [id]);
    expect((await search()).length).toBe(2);
    await db.query('UPDATE qa_pairs SET is_active = true WHERE id = $1', [id]);
    await expect(search()).rejects.toMatchObject({ code: 'conflict' });
    await db.query('DELETE FROM qa_pairs WHERE id = $1', [id]);
    expect((await search()).length).toBe(2);
  });
});
