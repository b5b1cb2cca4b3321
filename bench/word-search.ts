/**
 * The gap inbox's "Link to an existing answer" search (`GET /api/admin/knowledge?match=words`,
 * the store's `listPairs` with `words`) at scale in embedded mode: one workspace of PAIRS
 * (default 10,000) pairs in an in-memory PGlite with the real migrations, written through
 * `insertQaPairs` as every writer does; ROUNDS searches of two to three words, each timed, the
 * first left out (warm-up); then answering a gap's lookup of the pairs with its question key, by
 * the stored key and as it was before (every active question read and keyed in Node). Prints ms a
 * query; not part of the suite (it writes no result file).
 *   node --import tsx bench/word-search.ts          (PAIRS=N, ROUNDS=N)
 */
import { randomUUID } from 'node:crypto';
import { questionKey } from '@clara/core';
import {
  activePairsWithQuestion,
  createUser,
  createWorkspace,
  insertQaPairs,
  listPairs,
  migrate,
  openPglite,
} from '@clara/supabase';
import { fmt, median, percentile } from './lib/stats';

const pairs = Number(process.env.PAIRS ?? 10_000);
const rounds = Number(process.env.ROUNDS ?? 40);

const topics = ['dog wash', 'café opening', 'Wi-Fi password', 'bike rental', 'ØRESUND bridge', 'gift card'];
const extras = ['prices', 'Sundays', 'déjà vu', 'self-service', 'parking', 'refunds', 'Ελλάδα', 'Москва'];
const searches = [
  ['dog', 'wash'],
  ['pric', 'sunday'],
  ['wifi', 'password'],
  ['øresund', 'toll'],
  ['gift', 'card', 'refund'],
  ['zebra'],
];

const db = await openPglite();
await migrate(db);
const user = await createUser(db, `bench-${randomUUID()}@example.com`, 'h');
const ws = (await createWorkspace(db, user.id)).id;
const embedding = new Float32Array(1536);
embedding[0] = 1;
let t = performance.now();
for (let start = 0; start < pairs; start += 1000) {
  const batch = Array.from({ length: Math.min(1000, pairs - start) }, (_, k) => {
    const i = start + k;
    const topic = topics[i % topics.length];
    const extra = extras[(i * 7) % extras.length];
    return {
      question: `Question ${i}: what about ${topic} and ${extra}?`,
      answer: `Answer ${i}. For ${topic} see the counter; ${extra} are covered in our guide, which is updated weekly and lists every detail you might need, including tolls and opening hours.`,
      category: 'general',
      embedding,
      source: 'manual' as const,
      metadata: {},
    };
  });
  await db.transaction((tx) => insertQaPairs(tx, ws, batch));
}
console.error(`loaded ${pairs} pairs in ${fmt((performance.now() - t) / 1000)} s`);

const samples: number[] = [];
for (let n = 0; n <= rounds; n++) {
  const words = searches[n % searches.length] ?? [];
  t = performance.now();
  await listPairs(db, ws, { words, active: 'true', page: 1, page_size: 20 });
  if (n > 0) samples.push(performance.now() - t);
}
// Answering a gap: the pairs with the gap's question key, by the stored key (`activePairsWithQuestion`)
// and as before it (every active question of the workspace read and keyed in Node; done twice an answer).
const lookup: number[] = [];
const before: number[] = [];
for (let n = 0; n <= rounds; n++) {
  const question = `question ${n * 13}: what about ${topics[(n * 13) % topics.length]} and ${extras[(n * 13 * 7) % extras.length]}`;
  t = performance.now();
  const found = await activePairsWithQuestion(db, ws, question);
  if (n > 0) lookup.push(performance.now() - t);
  t = performance.now();
  const key = questionKey(question);
  const all = await db.query<{ id: string; question: string }>(
    'SELECT id, question FROM qa_pairs WHERE workspace_id = $1 AND is_active',
    [ws],
  );
  const old = all.filter((p) => questionKey(p.question) === key);
  if (n > 0) before.push(performance.now() - t);
  if (found.length !== 1 || old.length !== 1) throw new Error(`expected one pair for ${question}`);
}
await db.close();
const figures = (xs: number[]) => ({ p50_ms: fmt(median(xs)), p95_ms: fmt(percentile(xs, 95)) });
process.stdout.write(
  `${JSON.stringify({ pairs, queries: samples.length, word_search: figures(samples), gap_answer_lookup: figures(lookup), gap_answer_lookup_before: figures(before) })}\n`,
);
