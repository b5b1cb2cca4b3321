/** BANKING77 as Clara Q&A pairs and visitor questions (reuses the retrieval bench's CSV reader). */
import type { QaPairInput } from '@clara/core';
import { bankingDir, type Row, readCsv } from '../retrieval/data';

let cache: { train: Row[]; test: Row[] } | undefined;

function load() {
  cache ??= { train: readCsv(`${bankingDir}train.csv`), test: readCsv(`${bankingDir}test.csv`) };
  return cache;
}

/** A curated answer for an intent (pairs are embedded as question + answer, so it shapes retrieval a little). */
export const answerFor = (category: string) =>
  `Here is how we handle ${category.replace(/_/g, ' ')}: see the ${category} page in your app or contact support.`;

/**
 * `count` distinct train questions as pairs (category = intent). Past the train split's
 * size, questions repeat with a numbered suffix so the count is exact.
 */
export function bankingPairs(count: number): QaPairInput[] {
  const { train } = load();
  const seen = new Set<string>();
  const pairs: QaPairInput[] = [];
  for (let round = 0; pairs.length < count && round < 100; round++) {
    for (const row of train) {
      if (pairs.length >= count) break;
      const question = round === 0 ? row.text.trim() : `${row.text.trim()} (${round})`;
      const key = question.toLowerCase();
      if (question.length < 3 || seen.has(key)) continue;
      seen.add(key);
      pairs.push({ question, answer: answerFor(row.category), category: row.category });
    }
  }
  return pairs;
}

/** `count` test-split questions (the visitors' messages), cycling when more are asked for. */
export function bankingQuestions(count: number, offset = 0): string[] {
  const { test } = load();
  return Array.from({ length: count }, (_, i) => test[(offset + i) % test.length]?.text ?? 'hello');
}

/** The raw splits, for benchmarks that build their own workloads. */
export function bankingSplits(): { train: Row[]; test: Row[] } {
  return load();
}

/** Pairs as a Q&A CSV file's text (header question,answer,category; RFC 4180 quoting). */
export function toQaCsv(pairs: readonly QaPairInput[]): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return [
    'question,answer,category',
    ...pairs.map((p) => `${q(p.question)},${q(p.answer)},${q(p.category)}`),
  ].join('\n');
}
