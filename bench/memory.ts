/**
 * Memory: resident memory of `clara serve` (child process) idle, and after 10,000 chat turns,
 * each measured after a forced GC (`--expose-gc` + the bench's SIGUSR2 hook). No leak: the
 * second figure within 20% of the first.
 *   npm run bench -- memory      (BENCH_QUICK=1 for 1,000 turns)
 */
import { bankingPairs, bankingQuestions, toQaCsv } from './lib/banking77';
import { prepareWorkspace, serve } from './lib/clara-cli';
import { loadChat } from './lib/load';
import { procMemory } from './lib/memory';
import { type ResultRow, runBench } from './lib/results';
import { fmt } from './lib/stats';

const quick = process.env.BENCH_QUICK === '1';
const turns = quick ? 1000 : 10_000;
const pairs = 100;
const connections = 20;
const settleMs = 3000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

await runBench({ name: 'memory', title: '7. Memory' }, async () => {
  const ws = await prepareWorkspace(toQaCsv(bankingPairs(pairs)));
  const server = await serve(ws.dataDir);
  try {
    const questions = bankingQuestions(3000);
    // One small load first, so lazily built parts (JIT, caches, pools) count as "idle".
    await loadChat({ url: server.url, workspaceId: ws.workspaceId, questions, connections: 5, seconds: 2 });
    await sleep(settleMs);
    const idle = await server.gcAndMeasure();
    const samples: number[] = [];
    let done = 0;
    const t0 = performance.now();
    // Bounded: batches of load until `turns` turns are answered (at most 60 batches).
    for (let batch = 0; done < turns && batch < 60; batch++) {
      const r = await loadChat({
        url: server.url,
        workspaceId: ws.workspaceId,
        questions,
        connections,
        seconds: 5,
      });
      done += r.requests - r.non2xx - r.errors;
      samples.push(procMemory(server.pid).rssMb);
      console.log(`  ${done} turns, rss ${fmt(samples.at(-1) ?? 0)} MB`);
    }
    const seconds = (performance.now() - t0) / 1000;
    await sleep(settleMs);
    const after = await server.gcAndMeasure();
    const peak = procMemory(server.pid).peakMb;
    const growth = (after.rssMb - idle.rssMb) / idle.rssMb;
    const rows: ResultRow[] = [
      {
        workload: `clara serve idle (${pairs} pairs, after a GC)`,
        metric: 'RSS MB (JS heap)',
        value: `${fmt(idle.rssMb, 0)} (${fmt(idle.heapUsedMb, 0)})`,
        runs: 1,
      },
      {
        workload: `after ${done.toLocaleString('en-US')} turns (after a GC)`,
        metric: 'RSS MB (JS heap); growth',
        value: `${fmt(after.rssMb, 0)} (${fmt(after.heapUsedMb, 0)}); ${growth >= 0 ? '+' : ''}${fmt(100 * growth, 1)}%`,
        baseline: `peak RSS during the load ${fmt(peak, 0)} MB`,
        goal: 'within 20% of idle',
        met: Math.abs(growth) <= 0.2,
        runs: 1,
      },
    ];
    return {
      rows,
      notes: [
        `\`clara serve\` (bundled from today's sources, child process, embedded database on disk, ${pairs} BANKING77 pairs) under autocannon at ${connections} connections in 5 s batches until ${turns.toLocaleString('en-US')} turns were answered (${fmt(seconds, 0)} s); each turn a new session and message_id, so the database grows by 10,000 sessions and their messages.`,
        `RSS is read after ${settleMs / 1000} s of quiet and two forced GCs (node \`--expose-gc\`, triggered by the bench's SIGUSR2 hook \`bench/lib/child-hooks.mjs\`); "idle" is after a 2 s warm-up load. The embedded database's WebAssembly memory is part of the RSS and never shrinks.`,
      ],
      raw: { idle, after, peak, turns: done, seconds, samples },
    };
  } finally {
    await server.stop();
    ws.cleanup();
  }
});
