/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatJson, newTurn } from '../../test/resilience/chat-driver';
import { seedWorkspace } from '../../test/resilience/harness';
import { report } from '../../test/resilience/report';
import { startTestServer, type TestServer } from '../../test/test-server';

// DATABASE_URL at PGlite served over the wire by pglite-socket, which we stop and start again.
let pglite: PGlite;
let socket: PGLiteSocketServer;
let server: TestServer;
let workspaceId: string;
const port = 20_000 + Math.floor(Math.random() * 20_000);

const startSocket = async () => {
  // One connection: pglite-socket multiplexes every connection onto one session.
  socket = new PGLiteSocketServer({ db: pglite, port, host: '127.0.0.1', maxConnections: 1 });
  await socket.start();
};

beforeAll(async () => {
  pglite = await PGlite.create({ extensions: { vector } });
  await startSocket();
  server = await startTestServer({
    db: 'env',
    migrate: true,
    env: {
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres`,
      DATABASE_POOL_SIZE: '1',
      // Required with DATABASE_URL.
      CLARA_ENCRYPTION_KEY: '3c'.repeat(32),
      CLARA_CHAT_RATE_PER_IP: '100000',
      CLARA_CHAT_RATE_PER_SESSION: '100000',
      LOG_LEVEL: 'info',
    },
  });
  workspaceId = await seedWorkspace(server.runtime);
});

afterAll(async () => {
  await server?.close();
  await socket?.stop().catch(() => {});
  await pglite?.close();
});

const ask = () =>
  chatJson(server.url, newTurn(workspaceId, randomUUID(), 'What are your opening hours?'), 15_000);

describe('database faults (pg driver over the wire)', () => {
  it('while the database is unreachable: 503 unavailable with Retry-After; then recovers by itself', async () => {
    expect((await ask()).status).toBe(200);

    await socket.stop();
    const outage: { status: number; code: string; retryAfter: string | null; ms: number }[] = [];
    const outageStarted = performance.now();
    while (performance.now() - outageStarted < 3_000) {
      const started = performance.now();
      const chat = await ask();
      outage.push({
        status: chat.status,
        code: chat.body.error?.code,
        retryAfter: chat.headers.get('retry-after'),
        ms: performance.now() - started,
      });
      const health = await fetch(`${server.url}/health`, { signal: AbortSignal.timeout(15_000) });
      outage.push({
        status: health.status,
        code: ((await health.json()) as any).error?.code,
        retryAfter: health.headers.get('retry-after'),
        ms: 0,
      });
      const history = await fetch(
        `${server.url}/api/chat/history?workspace_id=${workspaceId}&session_token=${randomUUID()}`,
        { signal: AbortSignal.timeout(15_000) },
      );
      outage.push({
        status: history.status,
        code: ((await history.json()) as any).error?.code,
        retryAfter: history.headers.get('retry-after'),
        ms: 0,
      });
    }
    expect(outage.length).toBeGreaterThanOrEqual(3);
    for (const r of outage) {
      expect(r).toMatchObject({ status: 503, code: 'unavailable' });
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
      // Fails fast: a refused connection is not a hang.
      expect(r.ms).toBeLessThan(5_000);
    }

    await startSocket();
    const recoveryStarted = performance.now();
    let recovered = await ask();
    while (recovered.status !== 200 && performance.now() - recoveryStarted < 20_000) {
      await new Promise((r) => setTimeout(r, 250));
      recovered = await ask();
    }
    report('database-faults', {
      outage_requests: outage.length,
      outage_statuses: [...new Set(outage.map((o) => o.status))],
      recovery_ms: Math.round(performance.now() - recoveryStarted),
    });
    expect(recovered.status).toBe(200);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    // Nothing about the outage was logged as a crash, and nothing leaked the connection string's secrets.
    expect(server.logs.join('')).not.toMatch(/"level":60/);
  }, 120_000);
});
