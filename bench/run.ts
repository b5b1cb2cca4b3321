/**
 * The benchmark suite: `npm run bench` runs every benchmark, `npm run bench -- NAME…` some.
 * Each runs in its own Node process (clean heap, its own peak RSS); results go to
 * bench/results/NAME.json and the summary of every result present to BENCHMARKS.md.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { writeReport } from './lib/report';

const suite = [
  'turn',
  'http',
  'retrieval',
  'import',
  'import-chat',
  'pair-edit',
  'vector',
  'widget',
  'memory',
];
// Results that only a separate run makes (VECTOR_SCENARIO=tenants npm run bench -- vector; the -native
// ones under scripts/test-postgres.sh run --), shown when present.
const reportOrder = [
  'turn',
  'http',
  'retrieval',
  'import',
  'import-chat',
  'pair-edit',
  'vector',
  'vector-tenants',
  'vector-mixed',
  'vector-native',
  'vector-tenants-native',
  'vector-mixed-native',
  'widget',
  'memory',
];

const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = asked.filter((name) => !suite.includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark: ${unknown.join(', ')} (known: ${suite.join(', ')})`);
  process.exit(2);
}
const chosen = asked.length > 0 ? suite.filter((name) => asked.includes(name)) : suite;
const failed: string[] = [];
const t0 = performance.now();
const loadAtStart = loadavg()[0] ?? 0;
for (const name of chosen) {
  const started = performance.now();
  console.log(`\n=== ${name} ===`);
  const script = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
    stdio: 'inherit',
    timeout: 20 * 60_000,
  });
  if (result.status !== 0) failed.push(name);
  console.log(
    `=== ${name}: ${result.status === 0 ? 'done' : 'FAILED'} in ${((performance.now() - started) / 1000).toFixed(0)} s ===`,
  );
}
writeReport(reportOrder);
const minutes = (performance.now() - t0) / 60_000;
// The machine is shared: the load average says how much the figures above were disturbed.
appendFileSync(
  new URL('../BENCHMARKS.md', import.meta.url),
  `\nLast suite run: ${chosen.join(', ')} in ${minutes.toFixed(1)} min; 1-min load average ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end (2 cores).\n`,
);
console.log(
  `\nBENCHMARKS.md written; ${chosen.length} benchmark(s) in ${((performance.now() - t0) / 60_000).toFixed(1)} min${failed.length ? `; failed: ${failed.join(', ')}` : ''}`,
);
process.exit(failed.length ? 1 : 0);
