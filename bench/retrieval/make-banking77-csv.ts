/**
 * Writes BANKING77 as `clara eval` inputs: for each setting, KB.csv (question,answer,category; the
 * answer is one fixed text per intent) and QUERIES.csv (query,expected_answer; the test split,
 * empty expected answer = a gap). Same seeded settings as eval-banking77.ts.
 *   npx tsx bench/retrieval/make-banking77-csv.ts [OUT_DIR]   # default bench/results/banking77-csv
 *   clara eval --kb OUT_DIR/all/kb.csv --queries OUT_DIR/all/queries.csv --out results.jsonl
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerOf, bankingDir, buildSettings, readCsv } from './data';

const outDir = process.argv[2] ?? new URL('../results/banking77-csv/', import.meta.url).pathname;
const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

const settings = buildSettings(readCsv(`${bankingDir}train.csv`), readCsv(`${bankingDir}test.csv`), 77);
for (const s of settings) {
  const dir = join(outDir, s.name.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, ''));
  mkdirSync(dir, { recursive: true });
  const kb = [
    'question,answer,category',
    ...s.kb.map((r) => [r.text, answerOf(r.category), 'general'].map(quote).join(',')),
  ];
  const queries = [
    'query,expected_answer',
    ...s.queries.map((q) => [q.text, q.expected === null ? '' : answerOf(q.expected)].map(quote).join(',')),
  ];
  writeFileSync(join(dir, 'kb.csv'), `${kb.join('\n')}\n`);
  writeFileSync(join(dir, 'queries.csv'), `${queries.join('\n')}\n`);
  console.log(
    `${dir}: ${s.kb.length} pairs, ${s.queries.length} queries (${s.queries.filter((q) => q.expected === null).length} gaps)`,
  );
}
