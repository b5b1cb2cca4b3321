/**
 * Vector index at scale: recall@5 and latency of the seed's `search_qa_pairs` on 100,000 pairs
 * (BANKING77 train questions × 10 light perturbations, embedded by Clara's local embedder):
 * exact search vs IVFFlat lists = 50 (the migration's) and lists = 300 (the seed's scaling note).
 *   npm run bench -- vector      (VECTOR_N=20000 or BENCH_QUICK=1 for smaller)
 */
import { createLocalEmbedder } from '@clara/core';
import { insertQaPairs, type SqlExecutor, toVectorLiteral } from '@clara/supabase';
import { answerFor, bankingQuestions, bankingSplits } from './lib/banking77';
import { startClara } from './lib/clara';
import { perturb } from './lib/perturb';
import { type ResultRow, runBench } from './lib/results';
import { fmt, type LatencySummary, median, summarise } from './lib/stats';

const quick = process.env.BENCH_QUICK === '1';
// 100,000 pairs take over 10 minutes to load on the 2-core machine, past the suite's budget:
// the suite runs 20,000 and `VECTOR_N=100000 npm run bench -- vector` the full scale (own result file).
const total = Number(process.env.VECTOR_N ?? (quick ? 5000 : 20_000));
const queryCount = quick ? 10 : total > 50_000 ? 12 : 25;
const name = process.env.VECTOR_N ? `vector-${total}` : 'vector';

interface Config {
  name: string;
  /** SQL run before measuring (index rebuilds); timed. */
  setup: string;
  probes: number;
}

const configs: Config[] = [
  { name: 'exact (no vector index)', setup: 'DROP INDEX IF EXISTS idx_qa_pairs_embedding', probes: 1 },
  {
    name: 'IVFFlat lists=50, probes=50 (as shipped)',
    setup:
      'CREATE INDEX idx_qa_pairs_embedding ON qa_pairs USING ivfflat (embedding vector_cosine_ops) WITH (lists = 50)',
    probes: 50,
  },
  { name: 'IVFFlat lists=50, probes=5', setup: '', probes: 5 },
  {
    name: 'IVFFlat lists=300, probes=50 (seed note, shipped probes)',
    setup:
      'DROP INDEX idx_qa_pairs_embedding; CREATE INDEX idx_qa_pairs_embedding ON qa_pairs USING ivfflat (embedding vector_cosine_ops) WITH (lists = 300)',
    probes: 50,
  },
  { name: 'IVFFlat lists=300, probes=17', setup: '', probes: 17 },
];

async function search(
  db: SqlExecutor & { transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>) => Promise<T> },
  ws: string,
  vec: Float32Array,
  probes: number,
) {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT set_config('ivfflat.probes', '${probes}', true)`);
    return tx.query<{ id: string }>('SELECT id FROM search_qa_pairs($1, $2::vector, $3, $4)', [
      ws,
      toVectorLiteral(vec),
      -1,
      5,
    ]);
  });
}

await runBench({ name, title: `5. Vector index at ${total / 1000}K pairs` }, async () => {
  const clara = await startClara({ http: false });
  try {
    const { db } = clara;
    const ws = await clara.createWorkspace();
    const embedder = createLocalEmbedder();
    const { train } = bankingSplits();
    const t0 = performance.now();
    // Loaded without the index (rebuilt per configuration below), 1,000 rows per statement.
    await db.exec('DROP INDEX IF EXISTS idx_qa_pairs_embedding');
    for (let start = 0; start < total; start += 1000) {
      const batch = Array.from({ length: Math.min(1000, total - start) }, (_, j) => {
        const i = start + j;
        const row = train[i % train.length];
        return {
          question: perturb(row?.text ?? 'hello', Math.floor(i / train.length)),
          category: row?.category ?? 'general',
        };
      });
      const vectors = await embedder.embed(batch.map((b) => b.question));
      await insertQaPairs(
        db,
        ws,
        batch.map((b, j) => ({
          ...b,
          answer: answerFor(b.category),
          embedding: vectors[j] ?? new Float32Array(1536),
          source: 'manual',
          metadata: {},
        })),
      );
    }
    await db.exec('ANALYZE qa_pairs');
    // lists = 300 over 1536-d vectors needs more than the default 64 MB to build.
    await db.exec("SET maintenance_work_mem = '512MB'");
    const [size] = await db.query<{ avg: number }>(
      'SELECT avg(pg_column_size(embedding))::float AS avg FROM qa_pairs',
    );
    const loadSeconds = (performance.now() - t0) / 1000;
    console.log(`  loaded ${total} pairs in ${fmt(loadSeconds, 0)} s`);
    const queries = await embedder.embed(bankingQuestions(queryCount, 7));
    let truth: string[][] = [];
    const measured: (Config & {
      buildSeconds: number;
      latency: LatencySummary;
      recall: number;
      meanRecall: number;
    })[] = [];
    for (const config of configs) {
      const b0 = performance.now();
      if (config.setup) await db.exec(config.setup);
      const buildSeconds = (performance.now() - b0) / 1000;
      const ms: number[] = [];
      const found: string[][] = [];
      await search(db, ws, queries[0] ?? new Float32Array(1536), config.probes);
      for (const q of queries) {
        const s0 = performance.now();
        found.push((await search(db, ws, q, config.probes)).map((r) => r.id));
        ms.push(performance.now() - s0);
      }
      if (truth.length === 0) truth = found;
      const recall = median(
        found.map(
          (ids, i) => ids.filter((id) => truth[i]?.includes(id)).length / Math.max(1, truth[i]?.length ?? 0),
        ),
      );
      const meanRecall =
        found.reduce(
          (a, ids, i) =>
            a + ids.filter((id) => truth[i]?.includes(id)).length / Math.max(1, truth[i]?.length ?? 0),
          0,
        ) / found.length;
      measured.push({ ...config, buildSeconds, latency: summarise(ms), recall, meanRecall });
      console.log(
        `  ${config.name}: recall@5 ${fmt(meanRecall, 3)}, p50 ${fmt(summarise(ms).p50)} ms, build ${fmt(buildSeconds, 1)} s`,
      );
    }
    const rows: ResultRow[] = measured.slice(1).map((m) => ({
      workload: `${total.toLocaleString('en-US')} pairs, ${m.name}`,
      metric: 'recall@5; p50 / p95 ms (index build s)',
      value: `${fmt(m.meanRecall, 3)}; ${fmt(m.latency.p50)} / ${fmt(m.latency.p95)}${m.setup ? ` (${fmt(m.buildSeconds, 1)} s)` : ''}`,
      baseline: `exact ${fmt(measured[0]?.latency.p50 ?? 0)} / ${fmt(measured[0]?.latency.p95 ?? 0)}`,
      runs: 1,
    }));
    return {
      rows,
      notes: [
        `${total.toLocaleString('en-US')} pairs = BANKING77 train questions (10,003) × up to 10 variants (\`bench/lib/perturb.ts\`: greeting prefix, sign-off suffix, a dropped word, two swapped words, numbered), embedded by clara-local-v2 (1536-d) and inserted in one in-memory PGlite (${fmt(loadSeconds, 0)} s to load). Queries: ${queryCount} BANKING77 test questions. A stored embedding takes ${fmt(size?.avg ?? 0, 0)} bytes on average (6,152 uncompressed), over Postgres's 2 kB TOAST threshold, so it is likely kept out of line and fetched from the TOAST table for every distance computed.`,
        "Each query is the seed's `search_qa_pairs` (threshold −1, top 5) in a transaction with `ivfflat.probes` set, as the store does. Recall@5 = share of the exact search's top 5 found (mean over queries); each latency row is one pass over the queries after one warm-up query (p50/p95 across queries). Indexes are built after loading (k-means on the data); the shipped migration builds lists = 50 on an empty table.",
      ],
      raw: { total, loadSeconds, measured, storedVectorBytes: size?.avg },
    };
  } finally {
    await clara.close();
  }
});
