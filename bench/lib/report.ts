/** Writes BENCHMARKS.md from the JSON results in bench/results/. */
import { writeFileSync } from 'node:fs';
import type { MachineInfo } from './machine';
import { type BenchResult, readResult } from './results';

const cell = (s: string | undefined) => (s ?? '').replace(/\|/g, '\\|');
const goalCell = (r: BenchResult['rows'][number]) =>
  r.goal ? `${r.goal} ${r.met ? '✅ met' : '❌ not met'}` : '';

function machineLine(m: MachineInfo): string {
  return `${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB RAM, Node ${m.node}, ${m.date}`;
}

/** The summary table of every benchmark that has a result, in the suite's order. */
export function renderReport(order: readonly string[]): string {
  const results = order.map(readResult).filter((r): r is BenchResult => r !== null);
  const machines = [...new Set(results.map((r) => machineLine(r.machine)))];
  const lines = [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench\` (all) or \`npm run bench -- NAME\` (one of: ${order.join(', ')}).`,
    'Raw figures: `bench/results/NAME.json` (not committed). The machine is shared with other',
    'engineers running tests, so every figure is the median of several runs and every',
    'baseline ran on the same machine in the same run.',
    '',
    `Machine: ${machines.join('; ') || 'not run yet'}.`,
    '',
    '| benchmark | workload | metric | Clara | baseline (same run) | goal | runs |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    if (r.skipped) lines.push(`| ${r.title} | – | – | skipped: ${cell(r.skipped)} | | | |`);
    for (const row of r.rows) {
      lines.push(
        `| ${r.title} | ${cell(row.workload)} | ${cell(row.metric)} | ${cell(row.value)} | ${cell(row.baseline)} | ${cell(goalCell(row))} | ${row.runs} |`,
      );
    }
  }
  lines.push('', '## Goals', '');
  for (const r of results) {
    for (const row of r.rows.filter((x) => x.goal)) {
      lines.push(
        `- ${row.met ? '✅' : '❌'} ${r.title}, ${row.workload}, ${row.metric}: ${row.value} (goal ${row.goal})`,
      );
    }
  }
  lines.push('', '## Method and notes', '');
  for (const r of results) {
    lines.push(`### ${r.title} (\`${r.name}\`, ${r.seconds.toFixed(0)} s)`, '');
    for (const note of r.notes) lines.push(`- ${note}`);
    if (r.extra) lines.push('', r.extra);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Writes the report to BENCHMARKS.md at the repository root. */
export function writeReport(order: readonly string[]): void {
  writeFileSync(new URL('../../BENCHMARKS.md', import.meta.url), renderReport(order));
}
