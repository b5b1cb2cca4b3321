/* biome-ignore-all lint/suspicious/noExplicitAny: wire payloads of the admin API */
/**
 * Issue 18 #2: chat latency on one workspace while another workspace's owner imports ROWS
 * (default 50,000) BANKING77-style pairs through the admin API (POST /api/admin/knowledge/import),
 * against `clara serve` (child process) embedded AND on native Postgres (the caller's
 * `scripts/test-postgres.sh` server, or a throwaway one this bench starts). Baseline in the same
 * run on the same server: the same chat cadence with no import. A chat turn (new session, JSON)
 * every 200 ms; p50/p95/max of each. Goal: p95 < 1 s during the import.
 *   npm run bench -- import-chat          (ROWS=N, RUNS=N: imports per side, default 1)
 */
import { randomUUID } from 'node:crypto';
import { createNativeDatabase } from '@clara/supabase/testing';
import { bankingPairs, bankingQuestions, toQaCsv } from './lib/banking77';
import { prepareWorkspace, serve } from './lib/clara-cli';
import { nativePostgres } from './lib/native-cluster';
import { type ResultRow, runBench } from './lib/results';
import { fmt, median, summarise } from './lib/stats';

const rows = Number(process.env.ROWS ?? 50_000);
const runs = Number(process.env.RUNS ?? 1);
const baselineTurns = Number(process.env.BASELINE_TURNS ?? 100);
const pauseMs = 200;
const goalMs = 1000;
const questions = bankingQuestions(3000);
const importCsv = toQaCsv(bankingPairs(rows));

/** An owner signed in like the admin SPA: cookies + CSRF header. */
async function signUp(url: string) {
  const cookies = new Map<string, string>();
  const call = async (method: string, path: string, body?: string, type = 'application/json') => {
    const headers: Record<string, string> = { accept: 'application/json', 'content-type': type };
    const csrf = cookies.get('clara_csrf');
    if (csrf) headers['x-csrf-token'] = csrf;
    if (cookies.size) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(`${url}${path}`, { method, headers, body });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };
  await call('GET', '/api/auth/session');
  const email = `importer-${randomUUID().slice(0, 8)}@example.com`;
  const res = await call('POST', '/api/auth/sign-up', JSON.stringify({ email, password: 'a long password' }));
  if (res.status >= 300) throw new Error(`sign-up: ${res.status} ${JSON.stringify(res.body)}`);
  return call;
}

let asked = 0;
/** One chat turn on `workspaceId` (a new session); its wall time in ms. */
async function chatTurn(url: string, workspaceId: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(`${url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      workspace_id: workspaceId,
      session_token: randomUUID(),
      message_id: randomUUID(),
      message: questions[asked++ % questions.length],
    }),
  });
  await res.text();
  if (res.status !== 200) throw new Error(`chat answered ${res.status}`);
  return performance.now() - t;
}
const pause = () => new Promise((r) => setTimeout(r, pauseMs));

interface RunFigures {
  baseline: ReturnType<typeof summarise> & { max: number };
  during: ReturnType<typeof summarise> & { max: number };
  import: { status: string; saved: number; seconds: number };
}
const withMax = (xs: number[]) => ({ ...summarise(xs), max: Math.max(...xs) });

/** One side: `clara serve` over its embedded database or a fresh native Postgres database. */
async function measure(label: string, databaseUrl?: string): Promise<RunFigures[]> {
  const ws = await prepareWorkspace(toQaCsv(bankingPairs(100)), databaseUrl ? { databaseUrl } : {});
  const server = await serve(ws.dataDir, { ...ws.env, CLARA_SIGNUP: 'open', CLARA_SIGNUP_PER_HOUR: '1000' });
  const figures: RunFigures[] = [];
  try {
    for (let i = 0; i < 5; i++) await chatTurn(server.url, ws.workspaceId); // warm-up
    for (let run = 0; run < runs; run++) {
      const baseline: number[] = [];
      for (let i = 0; i < baselineTurns; i++) {
        baseline.push(await chatTurn(server.url, ws.workspaceId));
        await pause();
      }
      const call = await signUp(server.url);
      const started = performance.now();
      const accepted = await call('POST', '/api/admin/knowledge/import', importCsv, 'text/csv');
      if (!accepted.body?.job)
        throw new Error(`import refused: ${accepted.status} ${JSON.stringify(accepted.body)}`);
      let job = accepted.body.job;
      const during: number[] = [];
      while (job.status === 'running') {
        during.push(await chatTurn(server.url, ws.workspaceId));
        await pause();
        job = (await call('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
      }
      const seconds = (performance.now() - started) / 1000;
      figures.push({
        baseline: withMax(baseline),
        during: withMax(during),
        import: { status: job.status, saved: job.saved, seconds },
      });
      console.log(
        `  ${label} run ${run + 1}: import ${job.status} ${job.saved} rows in ${seconds.toFixed(0)} s; chat p95 ${fmt(figures.at(-1)?.during.p95 ?? 0)} ms during (${during.length} turns), ${fmt(figures.at(-1)?.baseline.p95 ?? 0)} ms without`,
      );
    }
  } finally {
    await server.stop();
    ws.cleanup();
  }
  return figures;
}

await runBench({ name: 'import-chat', title: '8. Chat during an import' }, async () => {
  const sides: { label: string; figures: RunFigures[] }[] = [
    { label: 'embedded', figures: await measure('embedded') },
  ];
  const cluster = nativePostgres();
  let skippedNative: string | undefined;
  if (cluster) {
    const db = await createNativeDatabase({ empty: true });
    try {
      sides.push({ label: 'native Postgres', figures: await measure('native Postgres', db.url) });
    } finally {
      await db.drop();
      cluster.stop();
    }
  } else {
    skippedNative = 'native Postgres not installed (scripts/test-postgres.sh install)';
  }
  const resultRows: ResultRow[] = [];
  for (const { label, figures } of sides) {
    const m = (pick: (f: RunFigures) => number) => median(figures.map(pick));
    const p95 = m((f) => f.during.p95);
    resultRows.push({
      workload: `${label}: chat on another workspace every 200 ms during a ${rows.toLocaleString('en-US')}-row admin import (import ${fmt(m((f) => f.import.seconds))} s, ${fmt(
        m((f) => f.during.n),
        0,
      )} turns)`,
      metric: 'p50 / p95 / max ms',
      value: `${fmt(m((f) => f.during.p50))} / ${fmt(p95)} / ${fmt(m((f) => f.during.max))}`,
      baseline: `no import: ${fmt(m((f) => f.baseline.p50))} / ${fmt(m((f) => f.baseline.p95))} / ${fmt(m((f) => f.baseline.max))}`,
      goal: 'p95 < 1 s',
      met: p95 < goalMs,
      runs: figures.length,
    });
  }
  return {
    rows: resultRows,
    notes: [
      "`clara serve` (bundled from today's sources) as a child process, embedded database on disk, then over DATABASE_URL on a fresh database of a native Postgres 15 + pgvector cluster (the one `scripts/test-postgres.sh run --` gives, else a throwaway one the bench starts and stops; durability off).",
      'The chatting workspace has 100 BANKING77 pairs (imported by `clara import` before serving); the importing owner signs up over HTTP and posts a CSV of BANKING77 train questions (numbered past the split) to POST /api/admin/knowledge/import, then polls the job after each chat turn until it ends.',
      'Chat: POST /api/chat (JSON), a BANKING77 test question in a new session, one at a time with 200 ms between turns; the baseline is 100 such turns on the same server just before the import.',
      ...(skippedNative ? [`Native Postgres skipped: ${skippedNative}.`] : []),
      "Figures are medians over runs of each run's p50/p95/max; the machine is shared (see the load average at the end of the file).",
    ],
    raw: { rows, runs, sides },
  };
});
