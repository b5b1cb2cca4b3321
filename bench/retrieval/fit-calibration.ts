/**
 * Fits the logistic confidence model on BANKING77 *train only* and prints the TS constant for
 * `core/src/engine/calibration-model.ts`; also writes per-method models (for the baselines) to
 * bench/results/calibration-models.json.
 *   npx tsx bench/retrieval/fit-calibration.ts   # METHODS=local to fit only the local embedder
 * Examples: for 3 seeds, 20% of each intent's train rows are queries and the KB is built from the
 * rest in four structures (1, 3, 10, all questions per intent), each with 25% of the intents held
 * out as gaps. Equal weight per structure: each has the same queries.
 * Label: 1 when the query is answerable and the top match gives the expected answer.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { localEmbedderId } from '../../core/src/embedding/local-embedder';
import { confidenceFeatures, featureNames, featureVector } from '../../core/src/engine/calibration-features';
import type { CalibrationModel } from '../../core/src/engine/calibration-model';
import { searchThreshold } from '../../core/src/engine/confidence';
import { bankingDir, fitStructures, holdOut, type Row, readCsv } from './data';
import { localPairRetriever } from './local-embed-sync';
import { fitLogistic } from './logistic';
import { bm25Scale, type RunOptions, runSetting } from './run-setting';
import { bm25Retriever, type Retriever, tfidfRetriever } from './search';

const train = readCsv(`${bankingDir}train.csv`);
const methods: { name: string; make: (kb: Row[]) => Retriever; options: RunOptions }[] = [
  { name: localEmbedderId, make: localPairRetriever, options: { floor: searchThreshold, rerank: true } },
  { name: 'tfidf', make: (kb: Row[]) => tfidfRetriever(kb.map((r) => r.text)), options: { floor: 0 } },
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
const models: Record<string, CalibrationModel> = {};
for (const method of methods) {
  const x: number[][] = [];
  const y: number[] = [];
  const topsCorrect: number[] = [];
  for (const seed of [1, 2, 3]) {
    const { kb, queries } = holdOut(train, 0.2, seed);
    for (const s of fitStructures(kb, queries, seed * 100)) {
      const retriever = method.make(s.kb);
      for (const r of runSetting(retriever, s.kb, s.queries, method.options)) {
        const ok = r.query.expected !== null && r.matches[0]?.category === r.query.expected;
        if (ok) topsCorrect.push(r.matches[0]?.similarity ?? 0);
        x.push(featureVector(confidenceFeatures(r.matches, r.query.text, method.options.floor)));
        y.push(ok ? 1 : 0);
      }
    }
  }
  const fit = fitLogistic(x, y, [0, 1, 2, 3]);
  const [top = 0, margin = 0, overlap = 0, align = 0] = fit.w;
  const round = (v: number) => Number(v.toFixed(4));
  models[method.name] = {
    embedder: method.name,
    floor: method.options.floor,
    bias: round(fit.bias),
    weights: { top: round(top), margin: round(margin), overlap: round(overlap), align: round(align) },
  };
  topsCorrect.sort((a, b) => a - b);
  console.log(
    method.name,
    `n=${x.length} positives=${y.filter(Boolean).length}`,
    featureNames.join(','),
    JSON.stringify(models[method.name]),
  );
  console.log(
    '  top similarity of correct answers, p5/p25/p50:',
    [0.05, 0.25, 0.5].map((q) => topsCorrect[Math.floor(q * topsCorrect.length)]?.toFixed(3)).join(' '),
  );
}
mkdirSync(new URL('../results/', import.meta.url), { recursive: true });
const modelsFile = new URL('../results/calibration-models.json', import.meta.url);
const previous: Record<string, CalibrationModel> = existsSync(modelsFile)
  ? JSON.parse(readFileSync(modelsFile, 'utf8'))
  : {};
writeFileSync(modelsFile, JSON.stringify({ ...previous, ...models }, null, 2));
