/**
 * Tunes the local embedder's params on BANKING77 *train only*: 80% of each intent's train rows
 * form the KB, 20% are queries (plus a 10-per-intent KB variant). Never reads the test split.
 *   npx tsx bench/retrieval/tune-embedder.ts
 */
import {
  defaultLocalParams,
  type LocalEmbedderParams,
  loadWordVectors,
  makeLocalEmbed,
  nearestNeighbours,
} from '@clara/core/embedding';
import { bankingDir, buildSettings, holdOut, readCsv } from './data';
import { bm25Retriever, type Retriever, tfidfRetriever, vectorRetriever } from './search';

const train = readCsv(`${bankingDir}train.csv`);
const { kb, queries } = holdOut(train, 0.2, 1);
const settings = buildSettings(kb, queries, 5).slice(0, 2);
const vectors = loadWordVectors(process.env.VECTORS);
const neighbours = nearestNeighbours(vectors, Number(process.env.NN_LIMIT ?? 30000), 10);

function top1(make: (texts: string[]) => Retriever): string {
  return settings
    .map((s) => {
      const r = make(s.kb.map((x) => x.text));
      let ok = 0;
      for (const q of s.queries) if (s.kb[r.search(q.text, 1)[0]?.index ?? -1]?.category === q.expected) ok++;
      return `${s.name}=${((100 * ok) / s.queries.length).toFixed(1)}`;
    })
    .join(' ');
}

const variants: [string, Partial<LocalEmbedderParams>][] = JSON.parse(process.env.VARIANTS ?? 'null') ?? [
  ['default', {}],
  ['sparse only', { denseShare: 0 }],
  ['dense only', { denseShare: 1 }],
  ['dense .3', { denseShare: 0.3 }],
  ['dense .7', { denseShare: 0.7 }],
];
if (process.env.BASELINES) {
  console.log('bm25', top1(bm25Retriever));
  console.log('tfidf', top1(tfidfRetriever));
}
for (const [name, patch] of variants) {
  const params = {
    ...defaultLocalParams,
    ...patch,
    sparse: { ...defaultLocalParams.sparse, ...(patch.sparse ?? {}) },
    expansion: { ...defaultLocalParams.expansion, ...(patch.expansion ?? {}) },
  };
  const embed = makeLocalEmbed(vectors, params, 1536, neighbours);
  console.log(
    name,
    top1((texts) => vectorRetriever(name, embed, texts)),
  );
}
