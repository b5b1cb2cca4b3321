/* biome-ignore-all lint/suspicious/noExplicitAny: wire payloads of the admin API */
/**
 * Issue 18 #2: chat latency on one workspace while another workspace's owner imports ROWS
 * (default 50,000) pairs through the admin API (POST /api/admin/knowledge/import), embedded
 * database. A chat turn (new session, JSON) every 200 ms for the whole import; p50/p95/max.
 * Run: `node --import tsx bench/import-chat.ts` (ROWS=N to change the size).
 */
import { randomUUID } from 'node:crypto';
import { startClara } from './lib/clara';

const rows = Number(process.env.ROWS ?? 50_000);
const clara = await startClara({ env: { CLARA_SIGNUP: 'open', CLARA_SIGNUP_PER_HOUR: '1000' } });
const url = clara.url as string;
const other = await clara.createWorkspace();
await clara.addPairs(other, [
  { question: 'What are your opening hours?', answer: 'Nine to five.', category: 'general' },
]);

// An owner signed in like the admin SPA: cookies + CSRF header.
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
await call('POST', '/api/auth/sign-up', JSON.stringify({ email, password: 'a long password' }));
const csv = [
  'question,answer',
  ...Array.from({ length: rows }, (_, i) => `How does part ${i} fit exactly?,Like this ${i}.`),
].join('\n');
const rssBefore = process.memoryUsage().rss;
let rssPeak = rssBefore;
const started = performance.now();
const job = (await call('POST', '/api/admin/knowledge/import', csv, 'text/csv')).body.job;
const latencies: number[] = [];
let state = job;
while (state.status === 'running') {
  const t = performance.now();
  const res = await fetch(`${url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      workspace_id: other,
      session_token: randomUUID(),
      message_id: randomUUID(),
      message: 'What are your opening hours?',
    }),
  });
  await res.text();
  latencies.push(performance.now() - t);
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  await new Promise((r) => setTimeout(r, 200));
  state = (await call('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
}
const sorted = [...latencies].sort((a, b) => a - b);
const q = (p: number) => Math.round(sorted[Math.floor(p * (sorted.length - 1))] ?? 0);
process.stdout.write(
  `${JSON.stringify(
    {
      rows,
      import: {
        status: state.status,
        saved: state.saved,
        seconds: Math.round((performance.now() - started) / 1000),
      },
      chat_ms: { turns: latencies.length, p50: q(0.5), p95: q(0.95), max: q(1) },
      rss_mb: { before: Math.round(rssBefore / 1048576), peak: Math.round(rssPeak / 1048576) },
    },
    null,
    2,
  )}\n`,
);
await clara.close();
