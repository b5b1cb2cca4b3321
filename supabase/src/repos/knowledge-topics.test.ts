import { createHashingEmbedder } from '@clara/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { createTestDatabase } from '../testing/test-database';
import { topKnowledgeCategories } from './knowledge-topics';
import { insertQaPairs } from './qa-pairs';
import { createUser } from './users';
import { createWorkspace } from './workspaces';

const embedder = createHashingEmbedder();
let db: Database;
let ws: string;
let other: string;

async function addPairs(
  workspaceId: string,
  pairs: { category: string; metadata?: Record<string, unknown> }[],
) {
  const questions = pairs.map((_, i) => `Question ${i} of ${workspaceId}?`);
  const vectors = await embedder.embed(questions);
  return insertQaPairs(
    db,
    workspaceId,
    pairs.map((p, i) => ({
      question: questions[i] as string,
      answer: `Answer ${i}.`,
      category: p.category,
      embedding: vectors[i] as Float32Array,
      source: 'manual',
      metadata: p.metadata ?? {},
    })),
  );
}

beforeAll(async () => {
  db = await createTestDatabase();
  ws = (await createWorkspace(db, (await createUser(db, 'topics@example.com', 'x')).id)).id;
  other = (await createWorkspace(db, (await createUser(db, 'topics2@example.com', 'x')).id)).id;
  const ids = await addPairs(ws, [
    { category: 'shipping' },
    { category: 'shipping' },
    { category: 'returns' },
    { category: 'returns' },
    { category: 'hours' },
    { category: 'archived' },
  ]);
  // A phrasing of the first pair (as augmentation and accepted choices store them), filed under
  // 'hours' to show it adds nothing there: it is not a question of its own.
  await addPairs(ws, [{ category: 'hours', metadata: { phrasing_of: ids[0] } }]);
  await db.query(`UPDATE qa_pairs SET is_active = false WHERE workspace_id = $1 AND category = 'archived'`, [
    ws,
  ]);
  await addPairs(other, [{ category: 'secret' }, { category: 'secret' }, { category: 'secret' }]);
});
afterAll(() => db.close());

describe('topKnowledgeCategories', () => {
  it("counts a workspace's active questions per category, largest first, ties by name", async () => {
    expect(await topKnowledgeCategories(db, ws, 10)).toEqual([
      { category: 'returns', pairs: 2 },
      { category: 'shipping', pairs: 2 },
      { category: 'hours', pairs: 1 },
    ]);
  });

  it('returns at most `limit` categories', async () => {
    expect(await topKnowledgeCategories(db, ws, 1)).toEqual([{ category: 'returns', pairs: 2 }]);
  });
});
