/**
 * Development sets for one-question-per-answer knowledge bases (bench/retrieval/dev/<name>/
 * {kb,queries}.csv in the `clara eval` format): compares pair-embedding recipes in memory, the way
 * the engine ranks and scores (matches above the search threshold, best 5, calibrated confidence).
 *   npx tsx bench/retrieval/eval-dev.ts [dental|demo ...]
 * Prints top-1, recall@5, answered rate, answered accuracy, gap P/R/F1 and the AUC of confidence
 * (correct top answer vs not) per recipe, at the default threshold 0.78.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { confidenceOf, searchThreshold } from '../../core/src/engine/confidence';
import { rankMatches } from '../../core/src/engine/rerank';
import type { QaMatch } from '../../core/src/schemas/qa-pair';
import { localEmbedSync } from './local-embed-sync';
import { type QueryOutcome, summarise } from './metrics';
import { recipes } from './pair-recipes';

const threshold = Number(process.env.THRESHOLD ?? 0.78);
const only = process.env.RECIPES?.split(',');
/** RERANK=0: the matches by similarity only (the engine before re-ranking). */
const rerank = process.env.RERANK !== '0';
const embed = localEmbedSync();
const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);
const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** Area under the ROC curve of `score` for positives vs negatives (ties count half). */
function auc(items: { score: number; positive: boolean }[]): number {
  const pos = items.filter((i) => i.positive).map((i) => i.score);
  const neg = items.filter((i) => !i.positive).map((i) => i.score);
  let s = 0;
  for (const p of pos) for (const n of neg) s += p > n ? 1 : p === n ? 0.5 : 0;
  return pos.length && neg.length ? s / (pos.length * neg.length) : 0;
}

const sets = process.argv.slice(2).length ? process.argv.slice(2) : ['dental', 'demo'];
for (const name of sets) {
  const dir = new URL(`dev/${name}/`, import.meta.url);
  const kb: { question: string; answer: string }[] = parse(readFileSync(new URL('kb.csv', dir)), {
    columns: true,
  });
  const queries: { query: string; expected_answer: string }[] = parse(
    readFileSync(new URL('queries.csv', dir)),
    { columns: true },
  );
  const qVecs = queries.map((q) => embed(q.query));
  console.log(
    `\n## ${name}: ${kb.length} pairs, ${queries.length} queries (${queries.filter((q) => !q.expected_answer).length} gaps)`,
  );
  console.log('| recipe | top-1 | recall@5 | answered | acc. answered | gap P | gap R | gap F1 | AUC |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const recipe of recipes) {
    if (only && !only.includes(recipe.name)) continue;
    const score = recipe.build(kb, embed);
    const outcomes: QueryOutcome[] = [];
    const aucItems: { score: number; positive: boolean }[] = [];
    queries.forEach((q, qi) => {
      const sims = score(qVecs[qi] as Float32Array, q.query, dot);
      const ranked = kb
        .map((p, i) => ({
          id: String(i),
          question: p.question,
          answer: p.answer,
          category: '',
          similarity: sims[i] ?? 0,
        }))
        .sort((a, b) => b.similarity - a.similarity);
      const matches: QaMatch[] = rerank
        ? rankMatches(ranked, q.query, searchThreshold)
        : ranked.filter((m) => m.similarity > searchThreshold).slice(0, 5);
      if (rerank) {
        const pool = new Set(matches.map((m) => m.id));
        ranked.splice(0, ranked.length, ...matches, ...ranked.filter((m) => !pool.has(m.id)));
      }
      const confidence = confidenceOf(matches, q.query, recipe.model);
      const expected = q.expected_answer ? norm(q.expected_answer) : null;
      outcomes.push({ ranked: ranked.slice(0, 5).map((m) => norm(m.answer)), expected, confidence });
      aucItems.push({
        score: confidence,
        positive: expected !== null && norm(matches[0]?.answer ?? '') === expected,
      });
      if (process.env.VERBOSE === recipe.name)
        console.log(
          `  ${confidence.toFixed(2)} ${q.query} -> ${ranked[0]?.question} (${ranked[0]?.similarity.toFixed(3)})${expected === null ? ' [gap]' : norm(ranked[0]?.answer ?? '') === expected ? '' : ' [WRONG]'}`,
        );
    });
    const s = summarise(outcomes, threshold);
    const f = (x: number) => x.toFixed(3);
    if (process.env.SWEEP) {
      const at = (t: number) => summarise(outcomes, t);
      console.log(
        `  ${recipe.name}: answered/acc at ` +
          [0.3, 0.4, 0.5, 0.6, 0.7]
            .map(
              (t) =>
                `${t}: ${at(t).answered_rate.toFixed(2)}/${at(t).answered_accuracy.toFixed(2)} F1 ${at(t).gap_f1.toFixed(2)}`,
            )
            .join('; '),
      );
    }
    console.log(
      `| ${recipe.name} | ${f(s.top1_accuracy)} | ${f(s.recall_at_5)} | ${f(s.answered_rate)} | ${f(s.answered_accuracy)} | ${f(s.gap_precision)} | ${f(s.gap_recall)} | ${f(s.gap_f1)} | ${f(auc(aucItems))} |`,
    );
  }
}
