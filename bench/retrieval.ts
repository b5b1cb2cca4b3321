/**
 * Retrieval quality: runs the retrieval bench (`bench/retrieval/eval-banking77.ts`: Clara's
 * embedder beside MiniSearch BM25 and TF-IDF on BANKING77, in one run) and folds its summary
 * into the report. Fits the baselines' calibration first when bench/results has none.
 *   npm run bench -- retrieval
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { localEmbedderId } from '@clara/core/embedding';
import { type ResultRow, resultsDir, runBench } from './lib/results';
import { fmt } from './lib/stats';

interface Summary {
  top1_accuracy: number;
  recall_at_5: number;
  gap_f1: number;
  ece: number;
}

const tsx = (script: string) =>
  execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL(`./retrieval/${script}`, import.meta.url))],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 600_000,
    },
  );

const methodName: Record<string, string> = {
  [localEmbedderId]: localEmbedderId,
  tfidf: 'TF-IDF cosine',
  bm25: 'MiniSearch BM25',
};

await runBench({ name: 'retrieval', title: '3. Retrieval quality' }, async () => {
  tsx('eval-banking77.ts');
  tsx('eval-kb-sets.ts');
  const out = JSON.parse(readFileSync(new URL('banking77.json', resultsDir), 'utf8')) as {
    threshold: number;
    report: Record<string, Summary>;
  };
  const get = (setting: string, method: string) => out.report[`${setting}/${method}`];
  const rows: ResultRow[] = [];
  const baselines = ['tfidf', 'bm25'];
  const line = (s: Summary | undefined, gap: boolean) =>
    s ? `${fmt(s.top1_accuracy, 3)} / ${fmt(s.recall_at_5, 3)}${gap ? ` / ${fmt(s.gap_f1, 3)}` : ''}` : 'n/a';
  for (const [setting, label, gap] of [
    ['all', 'KB = all train (10,003), 3,080 test questions', false],
    ['10-per-intent', 'KB = 10 train questions per intent', false],
    ['75%-intents+gaps', "KB = 75% of intents' train; the rest's test questions are gaps", true],
  ] as const) {
    rows.push({
      workload: `BANKING77, ${label}`,
      metric: gap ? 'top-1 / recall@5 / gap F1' : 'top-1 / recall@5',
      value: line(get(setting, localEmbedderId), gap),
      baseline: baselines.map((m) => `${methodName[m]} ${line(get(setting, m), gap)}`).join('; '),
      runs: 1,
    });
  }
  const kbSets = JSON.parse(readFileSync(new URL('kb-sets.json', resultsDir), 'utf8')) as Record<
    string,
    {
      clara: {
        top1_accuracy: number;
        top3: number;
        answered_right: number;
        wrong_shown: number;
        one_click: number;
        inbox_precision: number;
        gap_recall: number;
      };
      bm25: { top1: number; top3: number };
    }
  >;
  for (const [name, r] of Object.entries(kbSets)) {
    const c = r.clara;
    rows.push({
      workload: `${name} (clara eval path)`,
      metric: 'top-1 / top-3; answered right / wrong shown / one click / inbox precision / gap recall',
      value: `${fmt(c.top1_accuracy, 2)} / ${fmt(c.top3, 2)}; ${fmt(c.answered_right, 2)} / ${fmt(c.wrong_shown, 2)} / ${fmt(c.one_click, 2)} / ${fmt(c.inbox_precision, 2)} / ${fmt(c.gap_recall, 2)}`,
      baseline: `MiniSearch BM25 (question + answer) top-1 / top-3 ${fmt(r.bm25.top1, 2)} / ${fmt(r.bm25.top3, 2)}`,
      runs: 1,
    });
  }
  return {
    rows,
    notes: [
      `The retrieval bench as its author wrote it (\`bench/retrieval/\`, see its README): in-memory brute-force search, queries = the test split, gap = calibrated confidence < ${out.threshold}. Deterministic, so one run.`,
      'Full table with MRR, gap precision/recall, answered rate, ECE and reliability diagrams: `bench/results/banking77.json`, `bench/results/reliability-*.svg`.',
    ],
    raw: out.report,
  };
});
