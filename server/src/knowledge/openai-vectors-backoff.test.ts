import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import { shopPairs } from '@clara/testkit/shop-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';
import { keysCommand } from '../cli/keys-command';
import { createOpenAiVectors } from './openai-vectors';

let server: TestServer;
let openai: FakeProviderServer;
/** A port nothing listens on: a fake started then closed. */
let closedBaseUrl = '';
let wsId = '';

/** Log lines as the sweep writes them (pino's shape: fields, then the message). */
function recorder() {
  const lines: { level: 'info' | 'warn'; fields: Record<string, unknown>; msg: string }[] = [];
  return {
    lines,
    logger: {
      info: (fields: Record<string, unknown>, msg: string) => lines.push({ level: 'info', fields, msg }),
      warn: (fields: Record<string, unknown>, msg: string) => lines.push({ level: 'warn', fields, msg }),
    } as never,
  };
}

const embeddingCalls = () => openai.requests.filter((r) => r.path === '/v1/embeddings').length;

beforeAll(async () => {
  openai = await startFakeOpenAi();
  const closed = await startFakeOpenAi();
  closedBaseUrl = closed.baseURL;
  await closed.close();
  server = await startTestServer();
  wsId = (await server.createWorkspace()).workspaceId;
  await server.addPairs(wsId, shopPairs);
  await keysCommand(server.runtime, 'add', {
    workspace: wsId,
    provider: 'openai',
    model: 'gpt-4o-mini',
    key: 'sk-test-backoff-0123456789',
    default: true,
  });
});

afterAll(async () => {
  await server?.close();
  await openai?.close();
});

describe('the embedding sweep backs off per workspace when its key fails', () => {
  it('a rejected key (401): one request and one log line per step, waits doubling up to 10 minutes; a key change retries at once; a success clears it', async () => {
    let clock = 1_000_000;
    const { lines, logger } = recorder();
    const vectors = createOpenAiVectors({
      db: server.db,
      masterKey: server.runtime.masterKey,
      baseURL: openai.baseURL,
      intervalMs: 5_000,
      logger,
      now: () => clock,
    });
    openai.scriptRoutes(...Array.from({ length: 9 }, () => ({ type: 'error' as const, status: 401 })));
    const start = embeddingCalls();

    // Half an hour of sweeps every 5 s (360 of them): without back-off, 360 requests and 360 warnings.
    const began = clock;
    while (clock - began <= 30 * 60_000) {
      await vectors.sweep();
      clock += 5_000;
    }
    // Attempts at 0, 10, 30, 70, 150, 310, 630 s, then every 600 s: 1230 s (1830 s is past the half hour).
    expect(embeddingCalls() - start).toBe(8);
    const warnings = lines.filter((l) => l.level === 'warn');
    expect(warnings).toHaveLength(8);
    expect(warnings.map((w) => w.fields.next_attempt_in_ms)).toEqual([
      10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 600_000, 600_000,
    ]);
    expect(warnings[0]?.fields).toMatchObject({
      workspace_id: wsId,
      code: 'auth',
      status: 401,
      provider_code: 'invalid_api_key',
      failures: 1,
    });

    // The API the keys page reads: paused, with the provider's status and code.
    const paused = await vectors.progress(wsId);
    expect(paused).toMatchObject({
      complete: false,
      embedded: 0,
      paused: { code: 'auth', status: 401, provider_code: 'invalid_api_key', failures: 8 },
    });
    expect(Date.parse(paused?.paused?.retry_at ?? '')).toBe(began + 1_230_000 + 600_000);

    // A key change (the routes call invalidate): the next sweep tries at once.
    vectors.invalidate(wsId);
    expect((await vectors.progress(wsId))?.paused).toBeUndefined();
    await vectors.sweep();
    expect(embeddingCalls() - start).toBe(9);
    expect((await vectors.progress(wsId))?.paused).toMatchObject({ failures: 1 });

    // The endpoint answers again: the sweep after the wait completes and the pause is gone.
    clock += 10_000;
    await vectors.sweep();
    const done = await vectors.progress(wsId);
    expect(done).toMatchObject({ complete: true });
    expect(done?.paused).toBeUndefined();
    expect(lines.at(-1)).toMatchObject({ level: 'info', msg: 'openai embeddings brought up to date' });
    expect(JSON.stringify(lines)).not.toContain('backoff-0123456789');
  });

  it('no network (a closed port): paused as unreachable with no status, logged once for the step', async () => {
    const other = (await server.createWorkspace()).workspaceId;
    await server.addPairs(other, shopPairs);
    await keysCommand(server.runtime, 'add', {
      workspace: other,
      provider: 'openai',
      model: 'gpt-4o-mini',
      key: 'sk-test-unreachable-0123456789',
      default: true,
    });
    const clock = 5_000_000;
    const { lines, logger } = recorder();
    const vectors = createOpenAiVectors({
      db: server.db,
      masterKey: server.runtime.masterKey,
      baseURL: closedBaseUrl,
      intervalMs: 5_000,
      logger,
      now: () => clock,
    });
    await vectors.sweep();
    await vectors.sweep();
    const mine = lines.filter((l) => l.fields.workspace_id === other);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.fields).toMatchObject({ code: 'unreachable', status: null, provider_code: null });
    expect((await vectors.progress(other))?.paused).toMatchObject({
      code: 'unreachable',
      status: null,
      failures: 1,
    });
  }, 20_000);
});
