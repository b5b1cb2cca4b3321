/**
 * Measures the gap inbox's grouping threshold (`gapGroupSimilarity`) on smallbiz-dev's gap
 * questions: the in-domain and off-topic rows of each queries.csv with an empty expected answer
 * (rows 121–155; the 5 greetings are left out: Clara answers them as small talk and files no gap),
 * each with four variants a visitor might type for the same question (chat-style lower case
 * without punctuation, upper case with "??", two letters swapped in its longest word, the plural
 * of its last word toggled, plus a hyphen/accent spelling swap where one applies). Every text is
 * embedded as the inbox does it (`groupingKey`, then the local embedder). Reported per threshold:
 * - variant recall: variant-to-its-question pairs at cosine ≥ t (should group);
 * - false merges: pairs of different questions of one business at cosine ≥ t (should not);
 * - the inbox's leader clustering over each business's questions and variants (questions first,
 *   then the variants, shuffled as they would arrive): pairwise precision and recall, and how
 *   many groups mix two questions.
 * Run: npx tsx bench/retrieval/gap-grouping.ts  (results in bench/results/gap-grouping.json)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLocalEmbedder } from '@clara/core/embedding';
import { clusterByLeader, gapGroupSimilarity, groupingKey } from '@clara/server/eval';
import { readQueriesFile } from './gap-grouping-data';

const thresholds = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8];

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] ?? 0) * (b[i] ?? 0);
    na += (a[i] ?? 0) ** 2;
    nb += (b[i] ?? 0) ** 2;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

const embedder = createLocalEmbedder();
const embed = async (texts: readonly string[]) => embedder.embed(texts.map((t) => groupingKey(t)));

interface Counts {
  variantPairs: number;
  variantHits: number[];
  otherPairs: number;
  otherHits: number[];
  /** Leader clustering: same-question pairs grouped / all same-question pairs; grouped pairs. */
  sameGrouped: number[];
  samePairs: number;
  groupedPairs: number[];
  mixedGroups: number[];
  groups: number[];
}

const counts: Counts = {
  variantPairs: 0,
  variantHits: thresholds.map(() => 0),
  otherPairs: 0,
  otherHits: thresholds.map(() => 0),
  sameGrouped: thresholds.map(() => 0),
  samePairs: 0,
  groupedPairs: thresholds.map(() => 0),
  mixedGroups: thresholds.map(() => 0),
  groups: thresholds.map(() => 0),
};
const closestOthers: { a: string; b: string; cosine: number }[] = [];
const farthestVariants: { question: string; variant: string; cosine: number }[] = [];
/** Per kind of variant: how many, and the lowest cosine to its question. */
const byKind = new Map<string, { n: number; min: number }>();

const sets = readQueriesFile();
if (sets.length === 0) throw new Error('smallbiz-dev not found (SMALLBIZ_DIR)');
for (const set of sets) {
  const questions = set.items.map((i) => i.question);
  const qv = await embed(questions);
  for (let a = 0; a < questions.length; a++) {
    for (let b = a + 1; b < questions.length; b++) {
      const c = cosine(qv[a] as Float32Array, qv[b] as Float32Array);
      counts.otherPairs += 1;
      thresholds.forEach((t, k) => {
        if (c >= t) counts.otherHits[k] = (counts.otherHits[k] ?? 0) + 1;
      });
      closestOthers.push({ a: questions[a] ?? '', b: questions[b] ?? '', cosine: c });
    }
  }
  // Every text of the business with the index of its question, in the order they arrive.
  const texts: { text: string; of: number }[] = questions.map((text, of) => ({ text, of }));
  const arriving: { text: string; of: number }[] = [];
  for (const [of, item] of set.items.entries()) {
    const vv = await embed(item.variants.map((v) => v.text));
    item.variants.forEach(({ kind, text: variant }, v) => {
      const c = cosine(qv[of] as Float32Array, vv[v] as Float32Array);
      counts.variantPairs += 1;
      thresholds.forEach((t, k) => {
        if (c >= t) counts.variantHits[k] = (counts.variantHits[k] ?? 0) + 1;
      });
      farthestVariants.push({ question: item.question, variant, cosine: c });
      const seen = byKind.get(kind) ?? { n: 0, min: 1 };
      byKind.set(kind, { n: seen.n + 1, min: Math.min(seen.min, c) });
      arriving.push({ text: variant, of });
    });
  }
  // Variants arrive in a fixed pseudo-random order after the questions.
  arriving.sort((x, y) => hash(x.text) - hash(y.text));
  texts.push(...arriving);
  const vectors = await embed(texts.map((t) => t.text));
  const perQuestion = new Map<number, number>();
  for (const t of texts) perQuestion.set(t.of, (perQuestion.get(t.of) ?? 0) + 1);
  for (const n of perQuestion.values()) counts.samePairs += (n * (n - 1)) / 2;
  thresholds.forEach((t, k) => {
    const groups = clusterByLeader(vectors, t);
    counts.groups[k] = (counts.groups[k] ?? 0) + groups.length;
    for (const g of groups) {
      const ofs = g.map((i) => texts[i]?.of ?? -1);
      if (new Set(ofs).size > 1) counts.mixedGroups[k] = (counts.mixedGroups[k] ?? 0) + 1;
      for (let a = 0; a < ofs.length; a++) {
        for (let b = a + 1; b < ofs.length; b++) {
          counts.groupedPairs[k] = (counts.groupedPairs[k] ?? 0) + 1;
          if (ofs[a] === ofs[b]) counts.sameGrouped[k] = (counts.sameGrouped[k] ?? 0) + 1;
        }
      }
    }
  });
}

function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619) >>> 0;
  return h;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const rows = thresholds.map((t, k) => ({
  threshold: t,
  variant_recall: round((counts.variantHits[k] ?? 0) / counts.variantPairs),
  false_merge_rate: round((counts.otherHits[k] ?? 0) / counts.otherPairs),
  false_merges: counts.otherHits[k] ?? 0,
  cluster_precision: round((counts.sameGrouped[k] ?? 0) / Math.max(1, counts.groupedPairs[k] ?? 0)),
  cluster_recall: round((counts.sameGrouped[k] ?? 0) / counts.samePairs),
  mixed_groups: counts.mixedGroups[k] ?? 0,
  groups: counts.groups[k] ?? 0,
}));
const questionsTotal = sets.reduce((n, s) => n + s.items.length, 0);
console.log(
  `gap grouping on smallbiz-dev: ${questionsTotal} gap questions in ${sets.length} businesses, ` +
    `${counts.variantPairs} variant pairs (should group), ${counts.otherPairs} pairs of different questions (should not); shipped threshold ${gapGroupSimilarity}`,
);
console.table(rows);
const kinds = Object.fromEntries([...byKind].map(([k, v]) => [k, { n: v.n, lowest_cosine: round(v.min) }]));
console.log('variants by kind:', kinds);
closestOthers.sort((x, y) => y.cosine - x.cosine);
farthestVariants.sort((x, y) => x.cosine - y.cosine);
console.log('closest different questions:', closestOthers.slice(0, 8).map(shown));
console.log('farthest variants:', farthestVariants.slice(0, 8).map(shown));

function shown<T extends { cosine: number }>(x: T): T {
  return { ...x, cosine: round(x.cosine) };
}

const out = join(fileURLToPath(new URL('.', import.meta.url)), '../results');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'gap-grouping.json'),
  `${JSON.stringify(
    {
      questions: questionsTotal,
      variant_pairs: counts.variantPairs,
      other_pairs: counts.otherPairs,
      rows,
      variants_by_kind: kinds,
      closest_others: closestOthers.slice(0, 20).map(shown),
      farthest_variants: farthestVariants.slice(0, 20).map(shown),
    },
    null,
    2,
  )}\n`,
);
