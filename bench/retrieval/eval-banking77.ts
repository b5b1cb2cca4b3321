/**
 * BANKING77 retrieval + gap benchmark: the local embedder vs MiniSearch BM25 vs TF-IDF, in the
 * three settings (KB = all train; 10 train questions per intent; train of 75% of intents with the
 * rest's test questions as gaps). Queries = the test split. Threshold 0.78 on calibrated confidence.
 *   npx tsx bench/retrieval/fit-calibration.ts   # once, for the baselines' confidence models
 *   npx tsx bench/retrieval/eval-banking77.ts
 * Writes bench/results/banking77.json and bench/results/reliability-*.svg.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createLocalEmbedder, localEmbedderId } from '@clara/core/embedding';
import type { RankedMatch } from '@clara/core/engine';
import { confidenceOf, searchThreshold } from '@clara/core/engine';
import { bankingDir, buildSettings, type Row, readCsv } from './data';
import { localPairRetriever } from './local-embed-sync';
import { calibration, percentile, type QueryOutcome, summarise } from './metrics';
import { reliabilitySvg } from './reliability-svg';
import { bm25Scale, type RunOptions, runSetting } from './run-setting';
import { bm25Retriever, type Retriever, tfidfRetriever } from './search';

const threshold = Number(process.env.THRESHOLD ?? 0.78);
const results = new URL('../results/', import.meta.url);
mkdirSync(results, { recursive: true });

const train = readCsv(`${bankingDir}train.csv`);
const test = readCsv(`${bankingDir}test.csv`);
const settings = buildSettings(train, test, 77);

// Embedding latency of the shipped embedder, one question at a time (after warm-up).
const embedder = createLocalEmbedder();
await embedder.embed(['warm up']);
const embedMs: number[] = [];
for (const row of test) {
  const t0 = performance.now();
  await embedder.embed([row.text]);
  embedMs.push(performance.now() - t0);
}
const embedLatency = { p50: percentile(embedMs, 50), p95: percentile(embedMs, 95) };
console.log(
  `${localEmbedderId} embed latency ms: p50 ${embedLatency.p50.toFixed(3)} p95 ${embedLatency.p95.toFixed(3)}`,
);

const methods: {
  name: string;
  make: (kb: Row[]) => Retriever;
  options: RunOptions;
}[] = [
  { name: localEmbedderId, make: localPairRetriever, options: { floor: searchThreshold, rerank: true } },
  {
    name: 'tfidf',
    make: (kb: Row[]) => tfidfRetriever(kb.map((r) => r.text)),
    options: { floor: 0 },
  },
  {
    name: 'bm25',
    make: (kb: Row[]) => bm25Retriever(kb.map((r) => r.text)),
    options: { floor: 0, scale: bm25Scale },
  },
].filter(
  (m) =>
    !process.env.METHODS ||
    process.env.METHODS.split(',').includes(m.name === localEmbedderId ? 'local' : m.name),
);

const report: Record<string, Record<string, unknown>> = {};
const rows: string[] = [
  '| setting | method | top-1 | recall@5 | MRR | gap P | gap R | gap F1 | answered | acc. when answered | ECE | p50 ms | p95 ms |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
];
for (const setting of settings) {
  for (const method of methods) {
    const retriever = method.make(setting.kb);
    const runs = runSetting(retriever, setting.kb, setting.queries, method.options);
    const outcomes: QueryOutcome[] = runs.map((r) => ({
      ranked: r.ranked,
      expected: r.query.expected,
      // Only Clara has a confidence model (fitted on its own signals); the baselines rank only.
      confidence: method.name === localEmbedderId ? confidenceOf(r.matches as RankedMatch[]) : 0,
      latencyMs: r.latencyMs,
    }));
    const summary = summarise(outcomes, threshold);
    const cal = calibration(
      outcomes.map((o, i) => ({
        confidence: o.confidence,
        correct: o.expected !== null && runs[i]?.matches[0]?.category === o.expected,
      })),
    );
    const key = `${setting.name}/${method.name}`;
    report[key] = { ...summary, ece: cal.ece, reliability: cal.bins };
    writeFileSync(
      new URL(`reliability-${setting.name.replace(/[^a-z0-9]+/gi, '-')}-${method.name}.svg`, results),
      reliabilitySvg(`${setting.name}, ${method.name}`, cal.bins, cal.ece),
    );
    const f = (x: number) => x.toFixed(3);
    rows.push(
      `| ${setting.name} | ${method.name} | ${f(summary.top1_accuracy)} | ${f(summary.recall_at_5)} | ${f(summary.mrr)} | ${f(summary.gap_precision)} | ${f(summary.gap_recall)} | ${f(summary.gap_f1)} | ${f(summary.answered_rate)} | ${f(summary.answered_accuracy)} | ${f(cal.ece)} | ${summary.latency_ms.p50.toFixed(2)} | ${summary.latency_ms.p95.toFixed(2)} |`,
    );
    console.log(rows.at(-1));
  }
}
writeFileSync(
  new URL('banking77.json', results),
  JSON.stringify({ threshold, embedLatency, report }, null, 2),
);
console.log(
  `\nthreshold ${threshold}; latency = retrieval incl. embedding, brute force in memory\n${rows.join('\n')}`,
);
