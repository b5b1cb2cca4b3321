import { randomUUID } from 'node:crypto';
import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';
import { keysCommand } from '../cli/keys-command';

let server: TestServer;
let fake: FakeProviderServer;
const rawKey = 'sk-proj-PROBES-raw-key-0123456789-abcd';

type LogLine = Record<string, unknown> & { msg?: string; level?: number; request_id?: string };
const logLines = (): LogLine[] => server.logs.map((l) => JSON.parse(l) as LogLine);
const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { headers });

beforeAll(async () => {
  fake = await startFakeOpenAi();
  server = await startTestServer({ env: { OPENAI_BASE_URL: fake.baseURL } });
});

afterAll(async () => {
  await server?.close().catch(() => {});
  await fake?.close();
});

describe('GET /healthz and /readyz', () => {
  it('/healthz answers 200 { status: ok } (process up); /health still answers with the database', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'ok' });
    const health = await get('/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: server.db.kind });
  });

  it('/readyz answers 200 when the database answers and every migration is applied', async () => {
    const res = await get('/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', database: server.db.kind });
  });

  it('/readyz answers 503 naming how many migrations are pending, and 200 again once applied', async () => {
    const [latest] = await server.db.query<{ version: string; name: string; statements: string[] }>(
      'SELECT version, name, statements FROM supabase_migrations.schema_migrations ORDER BY version DESC LIMIT 1',
    );
    if (!latest) throw new Error('no migration recorded');
    await server.db.query('DELETE FROM supabase_migrations.schema_migrations WHERE version = $1', [
      latest.version,
    ]);
    const res = await get('/readyz');
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res.json()).toEqual({
      error: { code: 'unavailable', message: '1 database migration is pending: run clara migrate.' },
    });
    // The change is logged once as a warning, not as a failed request on every probe.
    await get('/readyz');
    const notReady = logLines().filter((l) => l.msg?.startsWith('not ready'));
    expect(notReady).toHaveLength(1);
    expect(notReady[0]).toMatchObject({ level: 40, reason: 'migrations_pending' });
    expect(logLines().some((l) => l.msg === 'request failed')).toBe(false);

    await server.db.query(
      'INSERT INTO supabase_migrations.schema_migrations (version, name, statements) VALUES ($1, $2, $3)',
      [latest.version, latest.name, latest.statements],
    );
    expect((await get('/readyz')).status).toBe(200);
    expect(logLines().at(-2)?.msg).toBe('ready');
  });
});

describe('request ids', () => {
  it('are generated, echoed in X-Request-Id, and carried by the request log line', async () => {
    const res = await get('/api/widget/not-a-uuid/config');
    expect(res.status).toBe(400);
    const id = res.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = logLines().find((l) => l.msg === 'request' && l.request_id === id);
    expect(line).toMatchObject({ method: 'GET', path: '/api/widget/not-a-uuid/config', status: 400 });
    const other = await get('/healthz');
    expect(other.headers.get('x-request-id')).not.toBe(id);
  });

  it("keep the caller's X-Request-Id when it is a short token, and replace anything else", async () => {
    const sane = 'lb-7f3a9c.2_b:1';
    const kept = await get('/nowhere', { 'x-request-id': sane });
    expect(kept.status).toBe(404);
    expect(kept.headers.get('x-request-id')).toBe(sane);
    expect(logLines().find((l) => l.request_id === sane)).toMatchObject({ msg: 'request', status: 404 });
    for (const bad of ['has spaces in it', 'x'.repeat(129), '"quoted"', '-leading-dash']) {
      const res = await get('/healthz', { 'x-request-id': bad });
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(server.logs.join('')).not.toContain('has spaces in it');
  });

  it('are on every line written while serving the request, the engine and a streamed answer included', async () => {
    const { workspaceId } = await server.createWorkspace();
    await server.addPairs(workspaceId, [
      { question: 'Do you ship internationally?', answer: 'We ship to 30 countries.', category: 'general' },
      { question: 'How much does shipping cost?', answer: 'Free over $50.', category: 'pricing' },
    ]);
    await keysCommand(server.runtime, 'add', {
      workspace: workspaceId,
      provider: 'openai',
      model: 'gpt-4o-mini',
      key: rawKey,
      default: true,
    });
    // The provider refuses the key: the engine logs a warning mid-turn and answers extractively.
    fake.script({ type: 'error', status: 401 });
    const id = `turn-${randomUUID()}`;
    const res = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'x-request-id': id },
      body: JSON.stringify({
        workspace_id: workspaceId,
        session_token: randomUUID(),
        message_id: randomUUID(),
        // Close to a pair but not the same question: answered by the language model.
        message: 'Do you ship internationally, to France for example?',
      }),
    });
    expect(res.headers.get('x-request-id')).toBe(id);
    expect(await res.text()).toMatch(/event: done/);
    const lines = logLines().filter((l) => l.request_id === id);
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['request', 'language model failed, answering extractively']),
    );
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(server.logs.join('')).not.toContain(rawKey);
  });
});

describe('when the database is gone', () => {
  it('/readyz answers 503 unavailable (no detail), /healthz still 200, and a failed request is logged with its id', async () => {
    await server.db.close();
    const res = await get('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      error: { code: 'unavailable', message: 'The database is unreachable.' },
    });
    expect(logLines().at(-2)).toMatchObject({ level: 40, reason: 'database_unreachable' });
    expect((await get('/healthz')).status).toBe(200);
    const health = await get('/health');
    expect(health.status).toBeGreaterThanOrEqual(500);
    const id = health.headers.get('x-request-id');
    expect(logLines().find((l) => l.msg === 'request failed')?.request_id).toBe(id);
  });
});

describe('while shutting down', () => {
  it('/readyz answers 503 so the proxy drains the instance; /healthz stays 200', async () => {
    const other = await startTestServer();
    try {
      expect((await fetch(`${other.url}/readyz`)).status).toBe(200);
      other.runtime.lifecycle.drain();
      const res = await fetch(`${other.url}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        error: { code: 'unavailable', message: 'Clara is shutting down.' },
      });
      expect((await fetch(`${other.url}/healthz`)).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
