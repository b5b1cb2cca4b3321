/**
 * Issue 18 #3: what a pair change costs chat in embedded mode at scale. One workspace of PAIRS
 * (default 100,000) pairs in an in-memory PGlite with the real migrations, vectors shaped like
 * the local embedder's (100 dense dimensions + 80 hashed sparse ones of 1536). Interleaved, in
 * ROUNDS rounds of 10: a warm search of the chat store (in-memory copy), a single-pair edit
 * (UPDATE, the time chat waits behind it on the one PGlite connection), the search right after
 * it (the copy's incremental update + the scan), and the baseline: the row-major scan the copy
 * used before (bench/lib/row-major-scan.ts) on the same vectors and queries.
 *   npm run bench -- pair-edit          (PAIRS=N, ROUNDS=N)
 */
import { randomUUID } from 'node:crypto';
import {
  createInMemoryVectorSearch,
  createUser,
  createWorkspace,
  insertQaPairs,
  migrate,
  openPglite,
  topMatches,
} from '@clara/supabase';
import { type ResultRow, runBench } from './lib/results';
import { packBoth, rowMajorTop } from './lib/row-major-scan';
import { fmt, median, percentile } from './lib/stats';

const pairs = Number(process.env.PAIRS ?? 100_000);
const rounds = Number(process.env.ROUNDS ?? 3);
const perRound = 10;
const dims = 1536;
const dense = 100;

/** A seeded vector: 100 dense dimensions and 80 sparse ones, about half the norm each. */
function vector(seed: number): Float32Array {
  const v = new Float32Array(dims);
  let x = seed >>> 0 || 1;
  const next = () => {
    x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
    return x;
  };
  for (let i = 0; i < dense; i++) v[i] = ((next() >>> 8) % 1000) / 1000 - 0.5;
  for (let k = 0; k < 80; k++) v[dense + (next() % (dims - dense))] = ((next() >>> 8) % 1000) / 1000;
  return v;
}
const literal = (v: Float32Array) => `[${Array.from(v).join(',')}]`;

await runBench({ name: 'pair-edit', title: '9. A pair edit at scale (embedded)' }, async () => {
  const db = await openPglite();
  await migrate(db);
  const user = await createUser(db, `bench-${randomUUID()}@example.com`, 'h');
  const ws = (await createWorkspace(db, user.id)).id;
  let t = performance.now();
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
  const loadSeconds = (performance.now() - t) / 1000;

  const search = createInMemoryVectorSearch();
  const find = (q: Float32Array) =>
    db.transaction((tx) => search.search(tx, ws, q, { threshold: 0.2, count: 5 }));
  t = performance.now();
  await find(vector(7));
  const coldMs = performance.now() - t;
  // The scan alone, before and after the fix, on copies of the same vectors.
  const { rowMajor, columns } = packBoth(pairs, dims, (r) => vector(r + 1));
  const ids = (
    await db.query<{ id: string }>('SELECT id FROM qa_pairs WHERE workspace_id = $1 LIMIT $2', [
      ws,
      rounds * perRound,
    ])
  ).map((r) => r.id);
  const warm: number[] = [];
  const edit: number[] = [];
  const afterEdit: number[] = [];
  const baseline: number[] = [];
  const scan: number[] = [];
  // The incremental update alone (its round trip and the changed rows applied), timed inside the store.
  const delta: number[] = [];
  const roundFigures: { warmP95: number; afterP95: number; baselineP95: number; scanP95: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    const from = warm.length;
    for (let i = 0; i < perRound; i++) {
      const n = round * perRound + i;
      const q = vector(5_000_000 + n);
      t = performance.now();
      await find(q);
      warm.push(performance.now() - t);
      t = performance.now();
      rowMajorTop(rowMajor, dims, q, 5);
      baseline.push(performance.now() - t);
      t = performance.now();
      topMatches(columns, q, 0.2, 5);
      scan.push(performance.now() - t);
      const moved = vector(9_000_000 + n);
      t = performance.now();
      await db.query('UPDATE qa_pairs SET embedding = $2::vector WHERE id = $1', [ids[n], literal(moved)]);
      edit.push(performance.now() - t);
      t = performance.now();
      const top = await find(moved);
      afterEdit.push(performance.now() - t);
      delta.push(search.stats().lastDeltaMs);
      if (top[0]?.id !== ids[n]) throw new Error('the edited pair was not found first');
    }
    const p95 = (xs: number[]) => percentile(xs.slice(from), 95);
    roundFigures.push({
      warmP95: p95(warm),
      afterP95: p95(afterEdit),
      baselineP95: p95(baseline),
      scanP95: p95(scan),
    });
    console.log(`  round ${round + 1}: ${JSON.stringify(roundFigures.at(-1))}`);
  }
  const stats = search.stats();
  await db.close();
  const med = (pick: (r: (typeof roundFigures)[number]) => number) => median(roundFigures.map(pick));
  const size = pairs.toLocaleString('en-US');
  const afterP95 = med((r) => r.afterP95);
  // Paired, sample by sample (each edit's search against the warm search just before it, in the
  // same moment of the machine's load): what the edit itself costs chat.
  const added = afterEdit.map((x, i) => x - (warm[i] ?? 0));
  // What chat waits for because of an edit: its UPDATE (the one PGlite connection is held) and
  // the copy's incremental update in the next search; the scan after it is the same as without.
  const stall = delta.map((x, i) => (edit[i] ?? 0) + x);
  const rows: ResultRow[] = [
    {
      workload: `${size} pairs: chat stalled by one pair edit (its UPDATE + the copy's incremental update in the next search)`,
      metric: 'p50 / p95 ms',
      value: `${fmt(median(stall))} / ${fmt(percentile(stall, 95))}`,
      baseline: `before the incremental copy: a full reload, ${fmt(coldMs / 1000)} s (the first search's load, this run); the update alone ${fmt(median(delta))} / ${fmt(percentile(delta, 95))}`,
      goal: 'p95 < 200 ms',
      met: percentile(stall, 95) < 200,
      runs: rounds,
    },
    {
      workload: `${size} pairs: chat store search right after a one-pair edit (incremental update + scan)`,
      metric: 'p50 / p95 ms',
      value: `${fmt(median(afterEdit))} / ${fmt(afterP95)}`,
      baseline: `warm, no edit ${fmt(median(warm))} / ${fmt(med((r) => r.warmP95))}`,
      runs: rounds,
    },
    {
      workload: `${size} pairs: the scan alone (no database), dimension-major copy`,
      metric: 'p50 / p95 ms',
      value: `${fmt(median(scan))} / ${fmt(med((r) => r.scanP95))}`,
      baseline: `row-major scan before the fix ${fmt(median(baseline))} / ${fmt(med((r) => r.baselineP95))}`,
      runs: rounds,
    },
    {
      workload: `${size} pairs: what the edit adds to the next search (paired: after − warm before it)`,
      metric: 'p50 / p95 ms',
      value: `${fmt(median(added))} / ${fmt(percentile(added, 95))}`,
      baseline: `the edit's UPDATE (chat waits behind it) ${fmt(median(edit))} / ${fmt(percentile(edit, 95))}`,
      runs: rounds,
    },
    {
      workload: `${size} pairs: first search (full load of the copy, once per server start or after eviction)`,
      metric: 's',
      value: fmt(coldMs / 1000),
      baseline: `load of the pairs into PGlite ${fmt(loadSeconds, 0)} s`,
      runs: 1,
    },
  ];
  return {
    rows,
    notes: [
      `One workspace of ${size} pairs inserted through insertQaPairs (2,000 a transaction) into an in-memory PGlite with the real migrations; the chat store's search (createInMemoryVectorSearch, threshold 0.2, top 5) in a transaction as the store runs it.`,
      `Vectors: 100 dense dimensions and 80 hashed sparse ones of 1,536 (the local embedder's shape: 100-d word vectors + hashed lexical features). ${rounds} rounds of ${perRound}, interleaved: warm search, baseline scan, edit (UPDATE of one pair's embedding), search after the edit, which must return the edited pair first.`,
      "The copy is dimension-major (each dimension a contiguous column, the query's non-zero dimensions summed column by column); the baseline is the row-major scan it replaced, timed on the same vectors and queries in the same loop.",
      "p95 figures are medians over rounds of each round's p95; p50 over all samples. The machine is shared: see the load average at the end of the file.",
    ],
    raw: {
      pairs,
      rounds,
      warm,
      edit,
      afterEdit,
      delta,
      baseline,
      scan,
      roundFigures,
      coldMs,
      loadSeconds,
      stats,
    },
  };
});
