/**
 * Candidate lists for re-ranking / calibration experiments: for each query the top 20 pairs by
 * the shipped pair vectors (cosine), with the pair's question and answer. Cached in bench/results/.
 *   train: BANKING77 train only (3 seeds × 20% held out × 1/3/10/all per intent, 25% gaps) — fitting
 *   test: the BANKING77 test settings; dev: bench/retrieval/dev sets.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import {
  defaultLocalParams,
  loadWordVectors,
  makeLocalEmbed,
  mixPairVector,
  pairAnswerWeight,
} from '@clara/core/embedding';
import { parse } from 'csv-parse/sync';
import { answerOf, bankingDir, buildSettings, fitStructures, holdOut, readCsv, type Setting } from './data';
import { vectorRetriever } from './search';

export interface Cand {
  /** Answer identity (intent, or normalised answer text). */
  key: string;
  question: string;
  answer: string;
  cos: number;
}
export interface Case {
  query: string;
  expected: string | null;
  cands: Cand[];
}
export interface CaseSet {
  name: string;
  group: 'train' | 'test' | 'dev';
  cases: Case[];
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

export function buildCases(queryEmbed: (t: string) => Float32Array, depth = 20): CaseSet[] {
  const embed = makeLocalEmbed(loadWordVectors(), defaultLocalParams);
  const out: CaseSet[] = [];
  const runPairs = (
    name: string,
    group: CaseSet['group'],
    kb: { question: string; answer: string; key: string }[],
    queries: { text: string; expected: string | null }[],
  ) => {
    const r = vectorRetriever(
      'x',
      queryEmbed,
      kb.map((p) => p.question),
      (t, i) => mixPairVector(embed(t), embed((kb[i] as { answer: string }).answer), pairAnswerWeight),
    );
    out.push({
      name,
      group,
      cases: queries.map((q) => ({
        query: q.text,
        expected: q.expected,
        cands: r.search(q.text, depth).map((h) => {
          const p = kb[h.index] as { question: string; answer: string; key: string };
          return { ...p, cos: h.score };
        }),
      })),
    });
  };
  const fromSetting = (s: Setting, group: CaseSet['group'], name = s.name) =>
    runPairs(
      name,
      group,
      s.kb.map((r) => ({ question: r.text, answer: answerOf(r.category), key: r.category })),
      s.queries,
    );
  const train = readCsv(`${bankingDir}train.csv`);
  const test = readCsv(`${bankingDir}test.csv`);
  for (const seed of [1, 2, 3]) {
    const { kb, queries } = holdOut(train, 0.2, seed);
    for (const s of fitStructures(kb, queries, seed * 100)) fromSetting(s, 'train', `${s.name}#${seed}`);
  }
  for (const s of buildSettings(train, test, 77)) fromSetting(s, 'test');
  for (const name of ['dental', 'demo']) {
    const dir = new URL(`dev/${name}/`, import.meta.url);
    const kb: { question: string; answer: string }[] = parse(readFileSync(new URL('kb.csv', dir)), {
      columns: true,
    });
    const qs: { query: string; expected_answer: string }[] = parse(
      readFileSync(new URL('queries.csv', dir)),
      {
        columns: true,
      },
    );
    runPairs(
      name,
      'dev',
      kb.map((p) => ({ ...p, key: norm(p.answer) })),
      qs.map((q) => ({ text: q.query, expected: q.expected_answer ? norm(q.expected_answer) : null })),
    );
  }
  return out;
}

/** Cached cases for a query-embedding variant name. */
export function loadCases(variant: string, queryEmbed: () => (t: string) => Float32Array): CaseSet[] {
  const dir = new URL('../results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL(`explore-cases-${variant}.json`, dir);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const sets = buildCases(queryEmbed());
  writeFileSync(file, JSON.stringify(sets));
  return sets;
}
