/**
 * Issue 18 #3: what a pair change costs the next chat in embedded mode at scale. One
 * workspace of PAIRS (default 100,000) pairs in an in-memory PGlite with the real migrations;
 * the chat store's search (in-memory vector copy) is timed cold (a full load, what every
 * edit used to cost), warm, and right after each of 20 single-pair edits (an incremental
 * update). Run: `node --import tsx bench/pair-edit.ts` (PAIRS=N to change the size).
 */
import { randomUUID } from 'node:crypto';
import {
  createInMemoryVectorSearch,
  createUser,
  createWorkspace,
  insertQaPairs,
  migrate,
  openPglite,
} from '@clara/supabase';

const pairs = Number(process.env.PAIRS ?? 100_000);
const dims = 1536;

/** A sparse unit vector (about 80 non-zeros, like the local embedder's), seeded. */
function vector(seed: number): Float32Array {
  const v = new Float32Array(dims);
  let x = seed >>> 0 || 1;
  for (let k = 0; k < 80; k++) {
    x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
    v[x % dims] = ((x >>> 8) % 1000) / 1000 - 0.5;
  }
  return v;
}
const ms = (t: number) => Math.round((performance.now() - t) * 10) / 10;
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))] ?? 0;

const db = await openPglite();
await migrate(db);
const user = await createUser(db, `bench-${randomUUID()}@example.com`, 'h');
const ws = (await createWorkspace(db, user.id)).id;
const loadStarted = performance.now();
for (let start = 0; start < pairs; start += 2000) {
  const batch = Array.from({ length: Math.min(2000, pairs - start) }, (_, i) => ({
    question: `question ${start + i}`,
    answer: `answer ${start + i}`,
    category: 'general',
    embedding: vector(start + i + 1),
    source: 'manual' as const,
    metadata: {},
  }));
  await db.transaction((tx) => insertQaPairs(tx, ws, batch));
}
const loadSeconds = Math.round(ms(loadStarted) / 100) / 10;

const search = createInMemoryVectorSearch();
const find = (q: Float32Array) =>
  db.transaction((tx) => search.search(tx, ws, q, { threshold: 0.2, count: 5 }));
let t = performance.now();
await find(vector(7));
const coldMs = ms(t);
const warm: number[] = [];
for (let i = 0; i < 20; i++) {
  t = performance.now();
  await find(vector(100 + i));
  warm.push(ms(t));
}
const ids = await db.query<{ id: string }>('SELECT id FROM qa_pairs WHERE workspace_id = $1 LIMIT 20', [ws]);
const afterEdit: number[] = [];
for (const [i, { id }] of ids.entries()) {
  const moved = vector(9_000_000 + i);
  await db.query('UPDATE qa_pairs SET embedding = $2::vector WHERE id = $1', [
    id,
    `[${Array.from(moved).join(',')}]`,
  ]);
  t = performance.now();
  const top = await find(moved);
  afterEdit.push(ms(t));
  if (top[0]?.id !== id) throw new Error('the edited pair was not found first');
}
const result = {
  pairs,
  load_seconds: loadSeconds,
  cold_full_load_ms: coldMs,
  warm_search_ms: { p50: quantile(warm, 0.5), p95: quantile(warm, 0.95) },
  search_after_edit_ms: {
    p50: quantile(afterEdit, 0.5),
    p95: quantile(afterEdit, 0.95),
    max: Math.max(...afterEdit),
  },
  cache: search.stats(),
  rss_mb: Math.round(process.memoryUsage().rss / 1048576),
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
await db.close();
