/**
 * Turn cost: server-side time of one extractive chat turn (`engine.turn`: embed + search +
 * decide + persist) on the embedded database, for workspaces of 100, 1,000 and 10,000 pairs.
 * Pairs = BANKING77 train questions; visitor messages = test questions, one session each.
 *   npm run bench -- turn        (BENCH_QUICK=1 for small sizes)
 */
import { randomUUID } from 'node:crypto';
import { bankingPairs, bankingQuestions } from './lib/banking77';
import { startClara } from './lib/clara';
import { type ResultRow, runBench } from './lib/results';
import { fmt, type LatencySummary, medianOfRuns, summarise } from './lib/stats';

const quick = process.env.BENCH_QUICK === '1';
const sizes = quick ? [100, 1000] : [100, 1000, 10_000];
const runs = quick ? 2 : 3;
const turnsPerRun = quick ? 40 : 150;
const warmup = 20;

interface SizeResult {
  size: number;
  imported: number;
  turn: LatencySummary;
  embed: LatencySummary;
  search: LatencySummary;
  plan: string;
}

async function measure(size: number): Promise<SizeResult> {
  const clara = await startClara({ http: false });
  try {
    const ws = await clara.createWorkspace();
    const imported = await clara.addPairs(ws, bankingPairs(size));
    const { engine, embedder, store, db } = clara.runtime;
    let offset = 0;
    const ask = async () => {
      const [message] = bankingQuestions(1, offset++);
      const t0 = performance.now();
      await engine.turn({
        workspaceId: ws,
        sessionToken: randomUUID(),
        messageId: randomUUID(),
        message: message ?? 'hi',
      });
      return performance.now() - t0;
    };
    for (let i = 0; i < warmup; i++) await ask();
    const turnRuns: LatencySummary[] = [];
    for (let r = 0; r < runs; r++) {
      const samples: number[] = [];
      for (let i = 0; i < turnsPerRun; i++) samples.push(await ask());
      turnRuns.push(summarise(samples));
    }
    // The two costly steps alone, on the same questions, to explain the turn's figure.
    const embedMs: number[] = [];
    const searchMs: number[] = [];
    for (const q of bankingQuestions(turnsPerRun)) {
      const t0 = performance.now();
      const [vec] = await embedder.embed([q]);
      const t1 = performance.now();
      await store.search(ws, vec ?? new Float32Array(1536), { threshold: 0.15, count: 9 });
      embedMs.push(t1 - t0);
      searchMs.push(performance.now() - t1);
    }
    const [probe] = await embedder.embed([bankingQuestions(1)[0] ?? 'hi']);
    const plan = await db.transaction(async (tx) => {
      await tx.query("SELECT set_config('ivfflat.probes', '50', true)");
      const rows = await tx.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT id FROM qa_pairs qp WHERE qp.workspace_id = $1 AND qp.is_active AND qp.embedding IS NOT NULL
         ORDER BY qp.embedding <=> $2::vector LIMIT 9`,
        [ws, `[${Array.from(probe ?? []).join(',')}]`],
      );
      // Node names only: the vector literal would fill the page.
      return rows
        .map((r) =>
          r['QUERY PLAN']
            .replace(/'\[[^\]]*\]'::vector/g, '$q')
            .replace(/\s*\(cost=[^)]*\)/, '')
            .trim(),
        )
        .filter((line) => !line.startsWith('Sort Key') && !line.startsWith('Filter'))
        .join(' → ');
    });
    return {
      size,
      imported,
      turn: medianOfRuns(turnRuns),
      embed: summarise(embedMs),
      search: summarise(searchMs),
      plan,
    };
  } finally {
    await clara.close();
  }
}

await runBench({ name: 'turn', title: '1. Turn cost' }, async () => {
  const results: SizeResult[] = [];
  for (const size of sizes) {
    results.push(await measure(size));
    const r = results.at(-1);
    console.log(
      `  ${size} pairs: turn p50 ${fmt(r?.turn.p50 ?? 0)} p95 ${fmt(r?.turn.p95 ?? 0)} ms; search p50 ${fmt(r?.search.p50 ?? 0)} ms`,
    );
  }
  const rows: ResultRow[] = results.map((r) => ({
    workload: `extractive turn, ${r.size.toLocaleString('en-US')} pairs, ${turnsPerRun} turns/run`,
    metric: 'p50 / p95 ms',
    value: `${fmt(r.turn.p50)} / ${fmt(r.turn.p95)}`,
    baseline: `search alone ${fmt(r.search.p50)} / ${fmt(r.search.p95)}; embed ${fmt(r.embed.p50)}`,
    ...(r.size === 10_000 ? { goal: 'p95 < 25 ms', met: r.turn.p95 < 25 } : {}),
    runs,
  }));
  const small = results[0];
  const big = results.at(-1);
  if (small && big && big !== small) {
    rows.push({
      workload: `growth ${big.size.toLocaleString('en-US')} / ${small.size} pairs`,
      metric: 'p50 ratio (p95 ratio)',
      value: `${fmt(big.turn.p50 / small.turn.p50)}× (${fmt(big.turn.p95 / small.turn.p95)}×)`,
      runs,
    });
  }
  return {
    rows,
    notes: [
      `In-process \`engine.turn\` (no HTTP) on an in-memory PGlite with the real migrations; the workspace's pairs are BANKING77 train questions imported through \`importQaPairs\`; each turn is a BANKING77 test question in a new session (unique message_id), after ${warmup} warm-up turns.`,
      "Figures are the median over runs of each run's p50/p95. \"Search alone\" = `store.search` for the same questions: on the embedded database an exact search over an in-memory copy of the workspace's vectors (the seed's `search_qa_pairs` semantics); the plans below are what `search_qa_pairs` itself runs on Postgres.",
      ...results.map((r) => `Plan at ${r.size} pairs: ${r.plan}.`),
    ],
    raw: results,
  };
});
