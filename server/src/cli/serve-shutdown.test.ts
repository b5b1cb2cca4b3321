import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import { openPglite } from '@clara/supabase';
import { createChatClient } from '@clara/testkit/chat-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claraEnv, killHard, serveClara } from '../../test/resilience/clara-process';
import { seedWorkspace } from '../../test/resilience/harness';
import { loadConfig } from '../config/load-config';
import { createLogger } from '../logger';
import { createRuntime } from '../runtime';

// `clara serve` as a child process on an embedded database in a temporary folder, its
// language model a local fake: SIGTERM arrives while an answer is streaming.
const dataDir = mkdtempSync(join(tmpdir(), 'clara-shutdown-'));
const encryptionKey = randomBytes(32).toString('hex');
const answer = 'We ship to 30 countries, France included. Delivery takes about a week.';
let fake: FakeProviderServer;
let workspaceId: string;

beforeAll(async () => {
  fake = await startFakeOpenAi();
  // Set up the data directory the child will serve: a workspace, its pairs and an OpenAI key.
  const config = loadConfig({ CLARA_DATA_DIR: dataDir, CLARA_ENCRYPTION_KEY: encryptionKey });
  const runtime = await createRuntime(config, createLogger({ level: 'silent' }));
  workspaceId = await seedWorkspace(runtime, { openAiKey: 'sk-proj-SHUTDOWN-raw-key-0123456789' });
  await runtime.close();
}, 120_000);

afterAll(async () => {
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A new connection's outcome: a status, or the connection error's code. */
async function connect(url: string): Promise<number | string> {
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) })).status;
  } catch (error) {
    return String((error as { cause?: { code?: string } }).cause?.code ?? error);
  }
}

describe('clara serve on SIGTERM (the real binary)', () => {
  it('stops accepting connections, finishes the streaming answer, stores it, closes the database and exits 0', async () => {
    const env = claraEnv(dataDir, {
      CLARA_ENCRYPTION_KEY: encryptionKey,
      OPENAI_BASE_URL: fake.baseURL,
      LOG_LEVEL: 'info',
    });
    const serving = await serveClara(env);
    const stderr: string[] = [];
    serving.child.stderr?.on('data', (d) => stderr.push(String(d)));
    try {
      expect(await connect(serving.url)).toBe(200);
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      fake.script({ type: 'reply', text: answer, gate, gateAfter: 2 });
      const client = createChatClient(() => serving.url);
      const turn = client.turn(workspaceId, 'Do you ship internationally, to France for example?');
      let signalled = false;
      let afterSignal: number | string = 'not tried';
      const { status, events } = await client.sse(turn, async (e) => {
        if (e.event !== 'delta' || signalled) return;
        signalled = true;
        serving.child.kill('SIGTERM');
        // The signal is handled asynchronously: wait until the listener is gone.
        const until = Date.now() + 10_000;
        do afterSignal = await connect(serving.url);
        while (afterSignal !== 'ECONNREFUSED' && Date.now() < until);
        release();
      });
      expect(afterSignal).toBe('ECONNREFUSED');
      expect(status).toBe(200);
      expect(events.at(-1)?.event).toBe('done');
      expect(events.at(-1)?.data.message.content).toBe(answer);

      expect(await serving.exited).toEqual({ code: 0, signal: null });
      const lines = stderr
        .join('')
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { level: number; msg: string; in_flight?: number });
      const draining = lines.find((l) => l.msg === 'shutting down: draining');
      expect(draining?.in_flight).toBeGreaterThanOrEqual(2); // the request and its turn
      expect(lines.map((l) => l.msg)).toContain('drained: every request and answer finished');
      expect(lines.filter((l) => l.level >= 50)).toEqual([]);

      // The database was closed cleanly with the answer in it.
      const db = await openPglite({ dataDir });
      const [session] = await db.query<{ messages: { role: string; content: string }[] }>(
        'SELECT messages FROM chat_sessions WHERE workspace_id = $1 AND session_token = $2',
        [workspaceId, turn.session_token],
      );
      await db.close();
      expect(session?.messages.map((m) => [m.role, m.content])).toEqual([
        ['user', 'Do you ship internationally, to France for example?'],
        ['assistant', answer],
      ]);
    } finally {
      if (serving.child.exitCode === null) await killHard(serving.child, serving.exited);
    }
  }, 180_000);
});
