import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, toSparseVectorLiteral, toVectorLiteral } from '../database';
import { createTestDatabase } from '../testing/test-database';
import { insertQaPairs, setEmbeddings } from './qa-pairs';
import { createUser } from './users';
import { createWorkspace } from './workspaces';

let db: Database;
let workspaceId: string;

/** A mostly-zero unit-ish vector like the local embedder's, with a few tiny and negative values. */
function vector(seed: number): Float32Array {
  const v = new Float32Array(1536);
  for (let i = seed; i < 1536; i += 37) v[i] = Math.sin(i * seed) * 0.1;
  v[0] = 1e-9 * seed;
  v[1535] = -0.5;
  return v;
}

const stored = async (id: string) =>
  (await db.query<{ e: string }>('SELECT embedding::text AS e FROM qa_pairs WHERE id = $1', [id]))[0]?.e
    .slice(1, -1)
    .split(',')
    .map(Number) ?? [];

beforeAll(async () => {
  db = await createTestDatabase();
  const user = await createUser(db, 'literals@example.com', 'x');
  workspaceId = (await createWorkspace(db, user.id)).id;
});
afterAll(() => db.close());

describe('vector literals', () => {
  it('formats sparse literals with 1-based indices of the non-zeros, and dense ones with bare zeros', () => {
    const v = new Float32Array([0, 0.25, 0, -1]);
    expect(toSparseVectorLiteral(v)).toBe('{2:0.2500000,4:-1.000000}/4');
    expect(toVectorLiteral(v)).toBe('[0,0.2500000,0,-1.000000]');
  });

  it('stores the same vector through the sparse insert and update paths as the dense literal would', async () => {
    const [id] = await insertQaPairs(db, workspaceId, [
      {
        question: 'q',
        answer: 'a',
        category: 'general',
        embedding: vector(3),
        source: 'manual',
        metadata: {},
      },
    ]);
    const dense = toVectorLiteral(vector(3)).slice(1, -1).split(',').map(Number);
    const got = await stored(id as string);
    expect(got).toHaveLength(1536);
    got.forEach((x, i) => {
      expect(x).toBeCloseTo(dense[i] as number, 6);
    });
    await setEmbeddings(db, [{ id: id as string, embedding: vector(5) }], 'test');
    const updated = await stored(id as string);
    toVectorLiteral(vector(5))
      .slice(1, -1)
      .split(',')
      .map(Number)
      .forEach((x, i) => {
        expect(updated[i]).toBeCloseTo(x, 6);
      });
  });
});
