import { createHashingEmbedder } from '@clara/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, toVectorLiteral } from '../database';
import { createTestDatabase } from '../testing/test-database';
import { insertQaPairs } from './qa-pairs';
import { createUser } from './users';
import { createWorkspace } from './workspaces';

const embedder = createHashingEmbedder();
let db: Database;
let mine: string;
let theirs: string;

async function addPairs(
  workspaceId: string,
  pairs: { question: string; answer: string }[],
): Promise<string[]> {
  const vectors = await embedder.embed(pairs.map((p) => p.question));
  return insertQaPairs(
    db,
    workspaceId,
    pairs.map((p, i) => ({
      ...p,
      category: 'general',
      embedding: vectors[i] as Float32Array,
      source: 'manual',
      metadata: { embedding_model: embedder.id },
    })),
  );
}

async function hybrid(workspaceId: string, text: string, count = 10) {
  const [v] = await embedder.embed([text]);
  return db.query<{ id: string; question: string; similarity: number; fused_score: number }>(
    'SELECT id, question, similarity, fused_score FROM search_qa_pairs_hybrid($1, $2::vector, $3, $4)',
    [workspaceId, toVectorLiteral(v as Float32Array), text, count],
  );
}

beforeAll(async () => {
  db = await createTestDatabase();
  const a = await createUser(db, 'hybrid-a@example.com', 'x');
  const b = await createUser(db, 'hybrid-b@example.com', 'x');
  mine = (await createWorkspace(db, a.id)).id;
  theirs = (await createWorkspace(db, b.id)).id;
  await addPairs(mine, [
    { question: 'Do you rent e-bikes?', answer: 'Yes, we rent electric bikes for $45 per day.' },
    { question: 'What are your opening hours?', answer: 'We are open 9 to 5.' },
  ]);
  const [inactive] = await addPairs(mine, [
    { question: 'Do you rent electric scooters?', answer: 'Electric scooter rental, discontinued.' },
  ]);
  await db.query('UPDATE qa_pairs SET is_active = false WHERE id = $1', [inactive]);
  await addPairs(theirs, [
    { question: 'Can I rent an electric bike?', answer: 'Electric bike rental in the other shop.' },
  ]);
});
afterAll(() => db.close());

describe('search_qa_pairs_hybrid', () => {
  it('uses the answer text, and returns the cosine similarity', async () => {
    const rows = await hybrid(mine, 'electric bike rental');
    expect(rows[0]?.question).toBe('Do you rent e-bikes?');
    for (const r of rows) {
      expect(r.similarity).toBeGreaterThanOrEqual(-1);
      expect(r.similarity).toBeLessThanOrEqual(1.0001);
      expect(r.fused_score).toBeGreaterThan(0);
    }
  });

  it('never returns another workspace’s pairs or inactive pairs', async () => {
    const rows = await hybrid(mine, 'Can I rent an electric bike or scooter?');
    const questions = rows.map((r) => r.question);
    expect(questions).not.toContain('Can I rent an electric bike?');
    expect(questions).not.toContain('Do you rent electric scooters?');
    expect(questions.length).toBeGreaterThan(0);
    const other = await hybrid(theirs, 'Do you rent e-bikes?');
    expect(other.map((r) => r.question)).toEqual(['Can I rent an electric bike?']);
  });

  it('leaves the seed’s search_qa_pairs working as written', async () => {
    const [v] = await embedder.embed(['What are your opening hours?']);
    const rows = await db.query<{ question: string }>(
      'SELECT question FROM search_qa_pairs($1, $2::vector, 0.5, 5)',
      [mine, toVectorLiteral(v as Float32Array)],
    );
    expect(rows[0]?.question).toBe('What are your opening hours?');
  });
});
