/**
 * Import: `clara import` of a 10,000-pair CSV end to end (parse, validate, embed, insert,
 * index) in a child process on the embedded database: rows per second and peak RSS. The
 * fixed cost (process start + opening the database) is measured by a 1-row import.
 *   npm run bench -- import      (BENCH_QUICK=1 for 1,000 rows)
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bankingPairs, toQaCsv } from './lib/banking77';
import { clara, prepareWorkspace } from './lib/clara-cli';
import { type ResultRow, runBench } from './lib/results';
import { fmt, median } from './lib/stats';

const quick = process.env.BENCH_QUICK === '1';
const rowsCount = quick ? 1000 : 10_000;
const runs = 3;

interface ImportRun {
  seconds: number;
  fixedSeconds: number;
  imported: number;
  maxRssMb: number;
  fixedMaxRssMb: number;
}

async function once(): Promise<ImportRun> {
  const ws = await prepareWorkspace(null);
  try {
    const env = { CLARA_DATA_DIR: ws.dataDir };
    const tiny = join(ws.dataDir, 'one.csv');
    writeFileSync(tiny, 'question,answer,category\n"Is this a warm-up row?","Yes.","bench"\n');
    const fixed = await clara(['import', tiny, '--workspace', ws.workspaceId], env);
    const file = join(ws.dataDir, 'pairs.csv');
    writeFileSync(file, toQaCsv(bankingPairs(rowsCount)));
    const full = await clara(['import', file, '--workspace', ws.workspaceId], env);
    rmSync(file);
    return {
      seconds: full.seconds,
      fixedSeconds: fixed.seconds,
      imported: Number(full.json.imported),
      maxRssMb: full.maxRssMb,
      fixedMaxRssMb: fixed.maxRssMb,
    };
  } finally {
    ws.cleanup();
  }
}

await runBench({ name: 'import', title: '4. Import' }, async () => {
  const results: ImportRun[] = [];
  for (let r = 0; r < runs; r++) {
    results.push(await once());
    console.log(
      `  run ${r + 1}: ${fmt(results.at(-1)?.seconds ?? 0)} s, peak ${fmt(results.at(-1)?.maxRssMb ?? 0, 0)} MB`,
    );
  }
  const seconds = median(results.map((r) => r.seconds));
  const fixed = median(results.map((r) => r.fixedSeconds));
  const imported = median(results.map((r) => r.imported));
  const rows: ResultRow[] = [
    {
      workload: `clara import, ${rowsCount.toLocaleString('en-US')} BANKING77 pairs (CSV), new workspace`,
      metric: 'rows/s end to end (wall s)',
      value: `${fmt(imported / seconds, 0)} (${fmt(seconds, 1)} s)`,
      baseline: `excluding the fixed cost: ${fmt(imported / Math.max(0.001, seconds - fixed), 0)} rows/s`,
      runs,
    },
    {
      workload: `clara import, ${rowsCount.toLocaleString('en-US')} pairs`,
      metric: 'peak RSS MB',
      value: fmt(median(results.map((r) => r.maxRssMb)), 0),
      baseline: `1-row import ${fmt(median(results.map((r) => r.fixedMaxRssMb)), 0)} MB, ${fmt(fixed, 1)} s`,
      runs,
    },
  ];
  return {
    rows,
    notes: [
      `\`clara import FILE.csv --workspace ID\` (bundled from today's sources) as a child process on an embedded database on disk, after \`clara workspace create\`; wall time of the process (start, open database, parse + validate with zod, embed in batches of 256, insert in one transaction with the IVFFlat index maintained, exit). ${imported} of ${rowsCount} rows imported (exact duplicate questions are skipped by design).`,
      "Peak RSS is the child's own `process.resourceUsage().maxRSS`, reported on exit by the bench's preload hook. The fixed cost is a 1-row import into the same data directory just before.",
    ],
    raw: results,
  };
});
