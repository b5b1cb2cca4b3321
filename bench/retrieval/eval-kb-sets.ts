/**
 * What visitors and owners meet on each knowledge base, through the real `clara eval` path (a fresh
 * PGlite, the real import and chat engine), beside MiniSearch BM25 over question + answer in the
 * same run: the four smallbiz-dev sets and BANKING77 (10 train questions per intent as the KB, the
 * 3,080 test questions asked).  npx tsx bench/retrieval/eval-kb-sets.ts [--quick]
 * Writes bench/results/kb-sets.json and prints a Markdown table.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLocalEmbedder } from '@clara/core/embedding';
import { type EvalSummary, parseQaCsv, parseQueriesCsv, runEval } from '@clara/server/eval';
import { migrate, openPglite } from '@clara/supabase';
import { readCsv } from './data';
import { smallbizDir, smallbizNames } from './kb-sets';
import { bm25Retriever } from './search';

interface SetInput {
  name: string;
  kbCsv: string;
  queriesCsv: string;
}

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** BANKING77 as an owner would load it: 10 train questions per intent, answer "Answer about <intent>.". */
function banking77Set(): SetInput | null {
  const dir = fileURLToPath(new URL('../../../shared/data/banking77/', import.meta.url));
  if (!existsSync(join(dir, 'train.csv'))) return null;
  const train = readCsv(join(dir, 'train.csv'));
  const test = readCsv(join(dir, 'test.csv'));
  const perIntent = new Map<string, number>();
  const kb = ['question,answer,category'];
  for (const r of train) {
    const n = perIntent.get(r.category) ?? 0;
    if (n >= 10) continue;
    perIntent.set(r.category, n + 1);
    kb.push([r.text, `Answer about ${r.category}.`, 'general'].map(quote).join(','));
  }
  const queries = [
    'query,expected_answer',
    ...test.map((r) => [r.text, `Answer about ${r.category}.`].map(quote).join(',')),
  ];
  return {
    name: 'BANKING77 (10 per intent)',
    kbCsv: `${kb.join('\n')}\n`,
    queriesCsv: `${queries.join('\n')}\n`,
  };
}

function sets(): SetInput[] {
  const out: SetInput[] = smallbizNames
    .filter((n) => existsSync(join(smallbizDir, n, 'kb.csv')))
    .map((n) => ({
      name: n,
      kbCsv: readFileSync(join(smallbizDir, n, 'kb.csv'), 'utf8'),
      queriesCsv: readFileSync(join(smallbizDir, n, 'queries.csv'), 'utf8'),
    }));
  const b77 = process.argv.includes('--quick') ? null : banking77Set();
  return b77 ? [...out, b77] : out;
}

/** BM25 top-1 and top-3 (distinct answers) over question + answer, answerable queries only. */
function bm25(kbCsv: string, queriesCsv: string) {
  const pairs = parseQaCsv(kbCsv).rows.map((r) => r.pair);
  const retriever = bm25Retriever(pairs.map((p) => `${p.question} ${p.answer}`));
  let n = 0;
  let top1 = 0;
  let top3 = 0;
  for (const q of parseQueriesCsv(queriesCsv)) {
    if (!q.expected_answer) continue;
    n++;
    const answers = [
      ...new Set(retriever.search(q.query, 30).map((h) => pairs[h.index]?.answer.trim() ?? '')),
    ];
    const rank = answers.indexOf(q.expected_answer.trim());
    if (rank === 0) top1++;
    if (rank >= 0 && rank < 3) top3++;
  }
  return { top1: top1 / n, top3: top3 / n };
}

const results: Record<
  string,
  { clara: EvalSummary & { top3: number }; bm25: { top1: number; top3: number } }
> = {};
const f = (x: number) => x.toFixed(2);
const rows = [
  '| set | Clara top-1 / top-3 | BM25 top-1 / top-3 | answered right | wrong shown | one click | inbox precision | gap recall | turn p50 ms |',
  '|---|---|---|---|---|---|---|---|---|',
];
for (const set of sets()) {
  const db = await openPglite();
  await migrate(db);
  let top3Hits = 0;
  let answerable = 0;
  const summary = await runEval({
    db,
    embedder: createLocalEmbedder(),
    kb: parseQaCsv(set.kbCsv),
    queries: parseQueriesCsv(set.queriesCsv),
    onResult: (line) => {
      if (!line.expected_answer) return;
      answerable++;
      const answers = [...new Set(line.matches.map((m) => m.answer.trim()))].slice(0, 3);
      if (answers.includes(line.expected_answer.trim())) top3Hits++;
    },
  });
  await db.close();
  const base = bm25(set.kbCsv, set.queriesCsv);
  const clara = { ...summary, top3: top3Hits / answerable };
  results[set.name] = { clara, bm25: base };
  rows.push(
    `| ${set.name} | ${f(clara.top1_accuracy)} / ${f(clara.top3)} | ${f(base.top1)} / ${f(base.top3)} | ${f(clara.answered_right)} | ${f(clara.wrong_shown)} | ${f(clara.one_click)} | ${f(clara.inbox_precision)} | ${f(clara.gap_recall)} | ${clara.latency_ms.p50.toFixed(1)} |`,
  );
  process.stderr.write(`${rows.at(-1)}\n`);
}
const dir = new URL('../results/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('kb-sets.json', dir), `${JSON.stringify(results, null, 2)}\n`);
console.log(rows.join('\n'));
