import { randomUUID } from 'node:crypto';
import { createUser, createWorkspace } from '@clara/supabase';
import { createTestDatabase } from '@clara/supabase/testing';
import { describe, expect, it } from 'vitest';
import { defaultLists, indexCommand } from './index-command';

const indexdef = async (db: Awaited<ReturnType<typeof createTestDatabase>>) =>
  (
    await db.query<{ indexdef: string }>(
      "SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_qa_pairs_embedding'",
    )
  )[0]?.indexdef;

describe('clara index rebuild', () => {
  it('rebuilds idx_qa_pairs_embedding as IVFFlat with the lists asked for, or as the shipped HNSW', async () => {
    const db = await createTestDatabase();
    const result = await indexCommand(db, 'rebuild', { lists: '300' });
    expect(result).toMatchObject({ index: 'idx_qa_pairs_embedding', type: 'ivfflat', lists: 300, rows: 0 });
    expect(await indexdef(db)).toMatch(/ivfflat.*vector_cosine_ops.*lists='300'/);
    expect(await indexCommand(db, 'rebuild', { type: 'ivfflat' })).toMatchObject({ lists: 50 });

    expect(await indexCommand(db, 'rebuild', {})).toMatchObject({ type: 'hnsw', rows: 0 });
    expect(await indexdef(db)).toMatch(
      /USING hnsw \(embedding vector_cosine_ops\) WITH \(m='16', ef_construction='64'\)/,
    );
    const [fn] = await db.query<{ proconfig: string[] }>(
      "SELECT proconfig FROM pg_proc WHERE proname = 'search_qa_pairs'",
    );
    expect(fn?.proconfig).toContain('hnsw.iterative_scan=relaxed_order');

    await expect(indexCommand(db, 'rebuild', { lists: '0' })).rejects.toThrow(/--lists/);
    await expect(indexCommand(db, 'rebuild', { type: 'hnsw', lists: '10' })).rejects.toThrow(
      /--lists is for/,
    );
    await expect(indexCommand(db, 'rebuild', { type: 'diskann' })).rejects.toThrow(/--type/);
    await expect(indexCommand(db, 'drop', {})).rejects.toThrow(/rebuild/);
    await expect(indexCommand(db, 'rebuild', { workspace: 'nope' })).rejects.toThrow(/uuid/);
    await expect(
      indexCommand(db, 'rebuild', { workspace: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toThrow(/no workspace/);
    await expect(indexCommand(db, 'rebuild', { workspace: randomUUID(), lists: '10' })).rejects.toThrow(
      /--workspace/,
    );
    const owner = await createUser(db, 'index@example.com', 'hash');
    const ws = (await createWorkspace(db, owner.id, {})).id;
    const partial = await indexCommand(db, 'rebuild', { workspace: ws });
    expect(partial).toMatchObject({ type: 'hnsw', workspace: ws, rows: 0 });
    const [def] = await db.query<{ indexdef: string }>(
      'SELECT indexdef FROM pg_indexes WHERE indexname = $1',
      [partial.index],
    );
    expect(def?.indexdef).toContain(`WHERE (workspace_id = '${ws}'::uuid)`);
    expect(await indexdef(db)).toMatch(/USING hnsw/);
    expect([defaultLists(10_000), defaultLists(100_000), defaultLists(300_000), defaultLists(1e8)]).toEqual([
      50, 300, 901, 2000,
    ]);
    await db.close();
  });
});
