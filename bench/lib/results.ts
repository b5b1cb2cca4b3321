/** Benchmark results: one JSON file per benchmark in bench/results/, read back for the report. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type MachineInfo, machineInfo } from './machine';

/** One line of the summary table. */
export interface ResultRow {
  /** What was measured, with its size (e.g. "turn, 10,000 pairs"). */
  workload: string;
  metric: string;
  /** Clara's figure, formatted. */
  value: string;
  /** The side-by-side baseline measured in the same run, formatted ("" when none). */
  baseline?: string;
  /** The goal, in words ("< 25 ms"). */
  goal?: string;
  /** Whether the goal is met (undefined when there is no goal). */
  met?: boolean;
  /** Runs the value is the median of. */
  runs: number;
}

export interface BenchResult {
  name: string;
  title: string;
  machine: MachineInfo;
  seconds: number;
  rows: ResultRow[];
  /** Method notes and oddities, one sentence each. */
  notes: string[];
  /** Extra markdown (e.g. a folded-in table), placed under the notes. */
  extra?: string;
  /** Every raw figure, for the JSON file only. */
  raw: unknown;
  skipped?: string;
}

export const resultsDir = new URL('../results/', import.meta.url);

/** Writes bench/results/NAME.json. */
export function writeResult(result: Omit<BenchResult, 'machine'>): BenchResult {
  mkdirSync(resultsDir, { recursive: true });
  const full: BenchResult = { ...result, machine: machineInfo() };
  writeFileSync(new URL(`${result.name}.json`, resultsDir), `${JSON.stringify(full, null, 2)}\n`);
  return full;
}

/** Reads bench/results/NAME.json, or null when that benchmark has not run here. */
export function readResult(name: string): BenchResult | null {
  const file = new URL(`${name}.json`, resultsDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchResult) : null;
}

/** Times a benchmark body and writes its result; prints the rows as they are. */
export async function runBench(
  meta: { name: string; title: string },
  body: () => Promise<Pick<BenchResult, 'rows' | 'notes' | 'raw'> & { extra?: string; skipped?: string }>,
): Promise<void> {
  const t0 = performance.now();
  const out = await body();
  const result = writeResult({ ...meta, ...out, seconds: (performance.now() - t0) / 1000 });
  for (const r of result.rows) {
    const base = r.baseline ? ` (baseline ${r.baseline})` : '';
    console.log(
      `[${meta.name}] ${r.workload} | ${r.metric}: ${r.value}${base}${r.goal ? ` goal ${r.goal}: ${r.met ? 'met' : 'NOT met'}` : ''}`,
    );
  }
  if (out.skipped) console.log(`[${meta.name}] skipped: ${out.skipped}`);
}
