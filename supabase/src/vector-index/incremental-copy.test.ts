import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, toVectorLiteral } from '../database';
import { insertQaPairs, searchQaPairs } from '../repos/qa-pairs';
import { createUser } from '../repos/users';
import { createWorkspace } from '../repos/workspaces';
import { createTestDatabase } from '../testing/test-database';
import { createInMemoryVectorSearch } from './in-memory-search';
import { createMutableVectors } from './mutable-vectors';

const dims = 1536;
function vector(seed: number): Float32Array {
  const v = new Float32Array(dims);
  let x = seed * 9301 + 49297;
  for (let i = 0; i < dims; i++) {
    x = (x * 9301 + 49297) % 233280;
    v[i] = x / 233280 - 0.5;
  }
  return v;
}

let db: Database;
const newWorkspace = async (name: string, n: number) => {
  const ws = await createWorkspace(db, (await createUser(db, `${name}@example.com`, 'h')).id);
  await insertQaPairs(
    db,
    ws.id,
    Array.from({ length: n }, (_, i) => ({
      question: `${name} q${i}`,
      answer: `a${i}`,
      category: 'general',
      embedding: vector(1000 * name.length + i),
      source: 'manual' as const,
      metadata: {},
    })),
  );
  return ws.id;
};
const idOf = async (ws: string, question: string) =>
  (
    await db.query<{ id: string }>('SELECT id FROM qa_pairs WHERE workspace_id = $1 AND question = $2', [
      ws,
      question,
    ])
  )[0]?.id as string;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

describe('in-memory vector copy: incremental updates and eviction (issue 18 #3)', () => {
  it('an edit, an insert, a deactivation and a delete are applied as a few rows, never a reload, and match the seed function', async () => {
    const ws = await newWorkspace('inc', 500);
    // The copy re-reads rows changed up to 2 s before it was made (a margin for commit order):
    // let the seeded rows age past it, as they would in use (native Postgres inserts them in ms).
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const search = createInMemoryVectorSearch();
    const find = (q: Float32Array) =>
      db.transaction((tx) => search.search(tx, ws, q, { threshold: 0.5, count: 5 }));
    const seed = (q: Float32Array) => searchQaPairs(db, ws, q, { threshold: 0.5, count: 5 });
    await find(vector(1));
    expect(search.stats()).toMatchObject({ workspaces: 1, fullLoads: 1, deltas: 0 });

    const edited = await idOf(ws, 'inc q7');
    const moved = vector(999_999);
    await db.query('UPDATE qa_pairs SET embedding = $2::vector WHERE id = $1', [
      edited,
      toVectorLiteral(moved),
    ]);
    expect((await find(moved))[0]).toMatchObject({ id: edited });
    expect(search.stats()).toMatchObject({ fullLoads: 1, deltas: 1 });
    expect(search.stats().deltaRows).toBeLessThan(5);

    await insertQaPairs(db, ws, [
      {
        question: 'inc new',
        answer: 'new',
        category: 'general',
        embedding: vector(777_777),
        source: 'manual',
        metadata: {},
      },
    ]);
    expect((await find(vector(777_777)))[0]?.id).toBe(await idOf(ws, 'inc new'));

    await db.query('UPDATE qa_pairs SET is_active = false WHERE id = $1', [edited]);
    expect((await find(moved)).map((m) => m.id)).not.toContain(edited);

    const deleted = await idOf(ws, 'inc q11');
    await db.query('DELETE FROM qa_pairs WHERE id = $1', [deleted]);
    expect((await find(vector(1000 * 3 + 11))).map((m) => m.id)).not.toContain(deleted);
    expect(search.stats()).toMatchObject({ fullLoads: 1, deltas: 4 });

    // After all that, the copy answers exactly as the seed's function over the table.
    for (const q of [vector(3000 + 20), vector(3000 + 11), moved, vector(777_777), vector(5)]) {
      const mine = await find(q);
      const theirs = await seed(q);
      expect(mine.map((m) => m.id)).toEqual(theirs.map((m) => m.id));
    }
  });

  it('drops copies idle for idleMs, and the least recently searched beyond maxBytes', async () => {
    const a = await newWorkspace('evict-a', 50);
    const b = await newWorkspace('evict-b', 50);
    let now = 0;
    // A copy of 50 rows, with the headroom a load leaves for later inserts.
    const perCopy = createMutableVectors(dims, 0, 50).bytes;
    const search = createInMemoryVectorSearch({ idleMs: 60_000, maxBytes: perCopy * 1.5, now: () => now });
    const find = (ws: string) =>
      db.transaction((tx) => search.search(tx, ws, vector(1), { threshold: 0.5, count: 5 }));
    await find(a);
    await find(b);
    // Both do not fit: the older (a) went.
    expect(search.stats()).toMatchObject({ workspaces: 1, bytes: perCopy, evicted: 1 });
    const roomy = createInMemoryVectorSearch({ idleMs: 60_000, now: () => now });
    const findRoomy = (ws: string) =>
      db.transaction((tx) => roomy.search(tx, ws, vector(1), { threshold: 0.5, count: 5 }));
    await findRoomy(a);
    now += 30_000;
    await findRoomy(b);
    expect(roomy.stats().workspaces).toBe(2);
    now += 45_000; // a idle 75 s, b 45 s
    await findRoomy(b);
    expect(roomy.stats()).toMatchObject({ workspaces: 1, evicted: 1 });
  });
});
