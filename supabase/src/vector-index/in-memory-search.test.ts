import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { insertQaPairs, searchQaPairs } from '../repos/qa-pairs';
import { createUser } from '../repos/users';
import { createWorkspace } from '../repos/workspaces';
import { createTestDatabase } from '../testing/test-database';
import { createInMemoryVectorSearch } from './in-memory-search';
import { packVectors, topMatches } from './workspace-vectors';

const dims = 1536;
/** A deterministic pseudo-random unit-ish vector. */
function vector(seed: number): Float32Array {
  const v = new Float32Array(dims);
  let x = seed * 9301 + 49297;
  for (let i = 0; i < dims; i++) {
    x = (x * 9301 + 49297) % 233280;
    v[i] = x / 233280 - 0.5;
  }
  return v;
}
/** `base` nudged towards `toward` by `t`: similarity to `base` falls as `t` grows. */
function blend(base: Float32Array, toward: Float32Array, t: number): Float32Array {
  return base.map((b, i) => (1 - t) * b + t * (toward[i] ?? 0));
}

let db: Database;
let ws: string;
let other: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const seeds = await Promise.all(
    ['a', 'b'].map(async (n) => createWorkspace(db, (await createUser(db, `${n}-vec@example.com`, 'h')).id)),
  );
  ws = seeds[0]?.id as string;
  other = seeds[1]?.id as string;
  const base = vector(1);
  const pairs = Array.from({ length: 40 }, (_, i) => ({
    question: `q${i}`,
    answer: `a${i}`,
    category: 'general',
    embedding: blend(base, vector(100 + i), i / 40),
    source: 'manual' as const,
    metadata: {},
  }));
  await insertQaPairs(db, ws, pairs);
  // The other workspace holds the exact query vector: it must never show up.
  await insertQaPairs(db, other, [
    { ...pairs[0], question: 'foreign', embedding: base } as (typeof pairs)[0],
  ]);
});
afterAll(() => db.close());

describe('in-memory vector search', () => {
  it('returns what the seed function returns: same ids, order and similarities', async () => {
    const search = createInMemoryVectorSearch();
    const query = vector(1);
    for (const [threshold, count] of [
      [0.5, 5],
      [0.1, 12],
      [0.9, 3],
    ] as const) {
      const expected = await db.transaction((tx) => searchQaPairs(tx, ws, query, { threshold, count }));
      const actual = await db.transaction((tx) => search.search(tx, ws, query, { threshold, count }));
      expect(actual.map((m) => m.id)).toEqual(expected.map((m) => m.id));
      actual.forEach((m, i) => {
        expect(m.similarity).toBeCloseTo(expected[i]?.similarity ?? -1, 4);
      });
      expect(actual.every((m) => m.similarity > threshold)).toBe(true);
    }
  });

  it('sees inserts, deactivations and deletes at once, and never another workspace', async () => {
    const search = createInMemoryVectorSearch();
    const query = vector(1);
    const before = await db.transaction((tx) => search.search(tx, ws, query, { threshold: 0.5, count: 3 }));
    expect(before.map((m) => m.question)).not.toContain('foreign');
    const top = before[0];
    await db.query('UPDATE qa_pairs SET is_active = false WHERE id = $1', [top?.id]);
    const after = await db.transaction((tx) => search.search(tx, ws, query, { threshold: 0.5, count: 3 }));
    expect(after.map((m) => m.id)).not.toContain(top?.id);
    await db.query('UPDATE qa_pairs SET is_active = true WHERE id = $1', [top?.id]);
    // A pair whose vector is exactly a new query: it must be found on the next search.
    const fresh = blend(vector(1), vector(777), 0.5);
    const [exact] = await insertQaPairs(db, ws, [
      {
        question: 'exact',
        answer: 'x',
        category: 'general',
        embedding: fresh,
        source: 'manual',
        metadata: {},
      },
    ]);
    const withNew = await db.transaction((tx) => search.search(tx, ws, fresh, { threshold: 0.5, count: 3 }));
    expect(withNew[0]?.id).toBe(exact);
    expect(withNew[0]?.similarity).toBeCloseTo(1, 5);
    await db.query('DELETE FROM qa_pairs WHERE id = $1', [exact]);
    const withoutNew = await db.transaction((tx) =>
      search.search(tx, ws, fresh, { threshold: 0.5, count: 3 }),
    );
    expect(withoutNew.map((m) => m.id)).not.toContain(exact);
  });

  it('ranks by cosine, keeps only similarities above the threshold, and caps the count', () => {
    const index = packVectors(
      [
        { id: 'same', embedding: '[1,0,0]' },
        { id: 'near', embedding: '[2,1,0]' },
        { id: 'far', embedding: '[0,0,3]' },
      ],
      3,
      1,
    );
    const top = topMatches(index, new Float32Array([1, 0, 0]), 0.5, 5);
    expect(top.map((t) => t.id)).toEqual(['same', 'near']);
    expect(top[1]?.similarity).toBeCloseTo(2 / Math.sqrt(5), 6);
    expect(topMatches(index, new Float32Array([1, 0, 0]), 0, 1).map((t) => t.id)).toEqual(['same']);
  });
});

describe('version bumps on the owner path', () => {
  it('an owner editing pairs under RLS still bumps the version the cache reads', async () => {
    const { withOwner } = await import('../owner-scope');
    const [owner] = await db.query<{ owner_id: string }>('SELECT owner_id FROM workspaces WHERE id = $1', [
      ws,
    ]);
    const read = async () =>
      Number(
        (
          await db.query<{ version: string }>(
            'SELECT version FROM qa_pairs_versions WHERE workspace_id = $1',
            [ws],
          )
        )[0]?.version,
      );
    const before = await read();
    await withOwner(db, { id: owner?.owner_id as string }, (tx) =>
      tx.query("UPDATE qa_pairs SET answer = answer || '.' WHERE workspace_id = $1", [ws]),
    );
    expect(await read()).toBe(before + 1);
  });
});
