import { createTestDatabase } from '@clara/supabase/testing';
import { describe, expect, it } from 'vitest';
import { defaultLists, indexCommand } from './index-command';

describe('clara index rebuild', () => {
  it('rebuilds idx_qa_pairs_embedding with the lists asked for, and refuses bad input', async () => {
    const db = await createTestDatabase();
    const result = await indexCommand(db, 'rebuild', { lists: '300' });
    expect(result).toMatchObject({ index: 'idx_qa_pairs_embedding', lists: 300, rows: 0 });
    const [index] = await db.query<{ indexdef: string }>(
      "SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_qa_pairs_embedding'",
    );
    expect(index?.indexdef).toMatch(/ivfflat.*vector_cosine_ops.*lists='300'/);
    expect((await indexCommand(db, 'rebuild', {})).lists).toBe(50);
    await expect(indexCommand(db, 'rebuild', { lists: '0' })).rejects.toThrow(/--lists/);
    await expect(indexCommand(db, 'drop', {})).rejects.toThrow(/rebuild/);
    expect([defaultLists(10_000), defaultLists(100_000), defaultLists(300_000), defaultLists(1e8)]).toEqual([
      50, 300, 901, 2000,
    ]);
    await db.close();
  });
});
