/**
 * HTTP: `POST /api/chat` (JSON) throughput and p99 with autocannon at 10 and 50 connections
 * against `clara serve` (child process, embedded database, 1,000 BANKING77 pairs), beside a
 * bare Koa route in the same run; then time to the first SSE `delta` with a fake OpenAI
 * server that streams its first token at once, beside that fake's own time to first token.
 *   npm run bench -- http        (BENCH_QUICK=1 for short runs)
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startFakeOpenAi } from '@clara/core/testing/llm';
import { bankingPairs, bankingQuestions, toQaCsv } from './lib/banking77';
import { clara, prepareWorkspace, serve } from './lib/clara-cli';
import { type LoadResult, loadChat } from './lib/load';
import { type ResultRow, runBench } from './lib/results';
import { timeFirstDelta, timeProviderFirstToken } from './lib/sse-timing';
import { fmt, medianOfRuns, summarise } from './lib/stats';

const quick = process.env.BENCH_QUICK === '1';
const seconds = quick ? 3 : 8;
const runs = 3;
const sseTurns = quick ? 20 : 60;
const pairs = 1000;
const questions = bankingQuestions(3000);

async function startBareKoa(): Promise<{ url: string; stop(): void }> {
  const script = fileURLToPath(new URL('./lib/bare-koa-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      const m = /listening (\S+)/.exec(String(d));
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`bare Koa exited (${code})`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

async function throughput() {
  const ws = await prepareWorkspace(toQaCsv(bankingPairs(pairs)));
  const server = await serve(ws.dataDir);
  const koa = await startBareKoa();
  try {
    const target = (url: string, connections: number, s = seconds) =>
      loadChat({ url, workspaceId: ws.workspaceId, questions, connections, seconds: s });
    await target(server.url, 10, 2);
    await target(koa.url, 10, 2);
    const levels: { connections: number; clara: LoadResult; koa: LoadResult }[] = [];
    for (const connections of [10, 50]) {
      const claraRuns: LoadResult[] = [];
      const koaRuns: LoadResult[] = [];
      // Interleaved, so a burst of load from another engineer hits both sides alike.
      for (let r = 0; r < runs; r++) {
        claraRuns.push(await target(server.url, connections));
        koaRuns.push(await target(koa.url, connections));
      }
      levels.push({ connections, clara: medianOfRuns(claraRuns), koa: medianOfRuns(koaRuns) });
      console.log(
        `  ${connections} conn: clara ${fmt(levels.at(-1)?.clara.rps ?? 0)} req/s, koa ${fmt(levels.at(-1)?.koa.rps ?? 0)} req/s`,
      );
    }
    return levels;
  } finally {
    koa.stop();
    await server.stop();
    ws.cleanup();
  }
}

async function firstDelta() {
  const fake = await startFakeOpenAi('Sure: here is what to do about it.');
  const ws = await prepareWorkspace(toQaCsv(bankingPairs(pairs)));
  const env = { CLARA_DATA_DIR: ws.dataDir };
  try {
    await clara(
      [
        'keys',
        'add',
        '--workspace',
        ws.workspaceId,
        '--provider',
        'openai',
        '--model',
        'gpt-4o',
        '--key',
        'sk-bench-not-real-0000',
        '--default',
      ],
      env,
    );
  } catch (error) {
    ws.cleanup();
    await fake.close();
    return {
      skipped: `LLM path not available (clara keys add failed: ${(error as Error).message.split('\n')[0]})`,
    };
  }
  const server = await serve(ws.dataDir, { OPENAI_BASE_URL: fake.baseURL });
  try {
    const ask = (q: string) =>
      timeFirstDelta(server.url, {
        workspace_id: ws.workspaceId,
        session_token: randomUUID(),
        message_id: randomUUID(),
        message: q,
      });
    const probe = await ask('hello, what can you do for me today?');
    if (probe.mode !== 'llm')
      return { skipped: `LLM path not available (the reply's mode was ${probe.mode})` };
    for (const q of bankingQuestions(5, 500)) await ask(q);
    const claraRuns = [];
    const fakeRuns = [];
    let extractive = 0;
    for (let r = 0; r < runs; r++) {
      const claraMs: number[] = [];
      const fakeMs: number[] = [];
      for (const q of bankingQuestions(sseTurns, 1000 + r * sseTurns)) {
        const s = await ask(q);
        if (s.mode === 'llm' && Number.isFinite(s.firstDeltaMs)) claraMs.push(s.firstDeltaMs);
        else extractive++;
        fakeMs.push(await timeProviderFirstToken(fake.baseURL, q));
      }
      claraRuns.push(summarise(claraMs));
      fakeRuns.push(summarise(fakeMs));
    }
    return { clara: medianOfRuns(claraRuns), provider: medianOfRuns(fakeRuns), extractive };
  } finally {
    await server.stop();
    await fake.close();
    ws.cleanup();
  }
}

await runBench({ name: 'http', title: '2. HTTP' }, async () => {
  const levels = await throughput();
  const sse = await firstDelta();
  const rows: ResultRow[] = levels.flatMap(({ connections, clara: c, koa: k }) => [
    {
      workload: `POST /api/chat JSON, ${connections} connections, ${seconds} s`,
      metric: 'req/s (p99 ms)',
      value: `${fmt(c.rps, 0)} (${fmt(c.p99, 0)})`,
      baseline: `bare Koa ${fmt(k.rps, 0)} (${fmt(k.p99, 0)}); Clara = ${fmt((100 * c.rps) / k.rps, 1)}% of it`,
      runs,
    },
  ]);
  if ('skipped' in sse) {
    rows.push({
      workload: 'SSE time to first delta',
      metric: 'p50 / p95 ms',
      value: `skipped: ${sse.skipped}`,
      runs: 0,
    });
  } else {
    const overheadP50 = sse.clara.p50 - sse.provider.p50;
    const overheadP95 = sse.clara.p95 - sse.provider.p95;
    rows.push({
      workload: `SSE time to first delta, fake OpenAI (first token at once), ${sseTurns} sequential turns/run`,
      metric: 'p50 / p95 ms',
      value: `${fmt(sse.clara.p50)} / ${fmt(sse.clara.p95)}`,
      baseline: `fake provider alone ${fmt(sse.provider.p50)} / ${fmt(sse.provider.p95)}`,
      runs,
    });
    rows.push({
      workload: "SSE: Clara's own overhead (Clara − provider alone)",
      metric: 'p50 / p95 ms',
      value: `${fmt(overheadP50)} / ${fmt(overheadP95)}`,
      goal: 'p95 < 30 ms',
      met: overheadP95 < 30,
      runs,
    });
  }
  return {
    rows,
    notes: [
      `\`clara serve\` is the server bundled from today's sources (esbuild, as \`npm start\` does) in a child process over an embedded database on disk with one workspace of ${pairs.toLocaleString('en-US')} BANKING77 pairs imported by \`clara import\`; the bare Koa route (\`bench/lib/bare-koa-server.ts\`) is another child process that parses the JSON body and answers a message of the same shape. Chat rate limits raised for the load generator.`,
      `autocannon (programmatic, 127.0.0.1 only) runs in the bench process; every request has a new message_id and session_token and a BANKING77 test question; Clara and Koa runs are interleaved; req/s and p99 are medians of ${runs} runs after a 2 s warm-up.`,
      "SSE: the workspace has a default OpenAI key (`clara keys add`), `OPENAI_BASE_URL` points at the fake OpenAI server (`@clara/core/testing/llm`) in the bench process; time from sending the request to reading `event: delta`; the baseline is the same fetch straight to the fake's `/v1/chat/completions`. Overhead = difference of the medians.",
      ...('extractive' in sse && sse.extractive
        ? [
            `${sse.extractive} SSE turns were answered without the model (curated answers) and are not in the SSE figures.`,
          ]
        : []),
    ],
    raw: { levels, sse },
  };
});
