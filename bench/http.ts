/**
 * HTTP: `POST /api/chat` (JSON) throughput and p99 with autocannon at 10 and 50 connections
 * against `clara serve` (child process, embedded database, 1,000 BANKING77 pairs; and on
 * native Postgres under scripts/test-postgres.sh), beside a bare Koa route in the same run; then time to the first SSE `delta` with a fake OpenAI
 * server that streams its first token at once, beside that fake's own time to first token.
 *   npm run bench -- http        (BENCH_QUICK=1 for short runs)
 *   scripts/test-postgres.sh run -- npm run bench -- http      (native Postgres too)
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startFakeOpenAi } from '@clara/core/testing/llm';
import { createNativeDatabase, testDatabaseServer } from '@clara/supabase/testing';
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

/** A side of the throughput comparison: a server to load, and how to stop it. */
interface Target {
  label: string;
  url: string;
  workspaceId: string;
  stop(): Promise<void>;
}

/** `clara serve` over its embedded database, or over a fresh native Postgres database. */
async function claraTarget(
  label: string,
  databaseUrl?: string,
  env: Record<string, string> = {},
): Promise<Target> {
  const ws = await prepareWorkspace(toQaCsv(bankingPairs(pairs)), databaseUrl ? { databaseUrl } : {});
  const server = await serve(ws.dataDir, { ...ws.env, ...env });
  return {
    label,
    url: server.url,
    workspaceId: ws.workspaceId,
    async stop() {
      await server.stop();
      ws.cleanup();
    },
  };
}

async function throughput() {
  // Under `scripts/test-postgres.sh run -- npm run bench -- http`: native Postgres as well.
  const native = testDatabaseServer === 'postgres' ? await createNativeDatabase({ empty: true }) : null;
  const claras: Target[] = [await claraTarget('embedded')];
  if (native) {
    claras.push(await claraTarget('native Postgres', native.url));
    // The same server without the turn admission (every turn at once: before it existed), and
    // with load shedding on (CLARA_CHAT_QUEUE_MS: 503 + Retry-After past 100 ms of queueing).
    const variants: [string, Record<string, string>][] = [
      ['native Postgres, no admission limit', { CLARA_CHAT_CONCURRENCY: '10000' }],
      ['native Postgres, CLARA_CHAT_QUEUE_MS=100', { CLARA_CHAT_QUEUE_MS: '100' }],
    ];
    for (const [label, env] of variants) {
      const db = await createNativeDatabase({ empty: true });
      const target = await claraTarget(label, db.url, env);
      claras.push({
        ...target,
        async stop() {
          await target.stop();
          await db.drop();
        },
      });
    }
  }
  const koa = await startBareKoa();
  try {
    const load = (url: string, workspaceId: string, connections: number, s = seconds) =>
      loadChat({ url, workspaceId, questions, connections, seconds: s });
    for (const c of claras) await load(c.url, c.workspaceId, 10, 2);
    await load(koa.url, claras[0]?.workspaceId ?? '', 10, 2);
    const levels: { connections: number; clara: Record<string, LoadResult>; koa: LoadResult }[] = [];
    for (const connections of [10, 50]) {
      const claraRuns = new Map<string, LoadResult[]>(claras.map((c) => [c.label, []]));
      const koaRuns: LoadResult[] = [];
      // Interleaved, so a burst of load from another engineer hits every side alike.
      for (let r = 0; r < runs; r++) {
        for (const c of claras) claraRuns.get(c.label)?.push(await load(c.url, c.workspaceId, connections));
        koaRuns.push(await load(koa.url, claras[0]?.workspaceId ?? '', connections));
      }
      const clara = Object.fromEntries([...claraRuns].map(([label, r]) => [label, medianOfRuns(r)]));
      levels.push({ connections, clara, koa: medianOfRuns(koaRuns) });
      const sides = Object.entries(clara).map(([label, r]) => `${label} ${fmt(r.rps)} req/s`);
      console.log(
        `  ${connections} conn: ${sides.join(', ')}, koa ${fmt(levels.at(-1)?.koa.rps ?? 0)} req/s`,
      );
    }
    return levels;
  } finally {
    koa.stop();
    for (const c of claras) await c.stop();
    await native?.drop();
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
  const rows: ResultRow[] = levels.flatMap(({ connections, clara, koa: k }) =>
    Object.entries(clara).map(([label, c]) => ({
      workload: `POST /api/chat JSON, ${connections} connections, ${seconds} s, ${label}`,
      metric: 'req/s (p99 ms)',
      value: `${fmt(c.rps, 0)} (${fmt(c.p99, 0)})${c.non2xx ? `; ${c.non2xx.toLocaleString('en-US')} non-2xx` : ''}`,
      baseline: `bare Koa ${fmt(k.rps, 0)} (${fmt(k.p99, 0)}); Clara = ${fmt((100 * c.rps) / k.rps, 1)}% of it`,
      runs,
    })),
  );
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
      `\`clara serve\` is the server bundled from today's sources (esbuild, as \`npm start\` does) in a child process over an embedded database on disk with one workspace of ${pairs.toLocaleString('en-US')} BANKING77 pairs imported by \`clara import\`; under \`scripts/test-postgres.sh run -- npm run bench -- http\` a second \`clara serve\` runs over \`DATABASE_URL\` (pool of 10) on a fresh database of that native Postgres 15 + pgvector server, migrated by \`clara migrate\`, with the same pairs; the bare Koa route (\`bench/lib/bare-koa-server.ts\`) is another child process that parses the JSON body and answers a message of the same shape. Chat rate limits raised for the load generator.`,
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
