import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { AssistantMessage, QaPairInput } from '@clara/core';
import { createUser, createWorkspace, type Database, migrate } from '@clara/supabase';
import { createTestDatabase } from '@clara/supabase/testing';
import { type Config, loadConfig } from '../src/config/load-config';
import { importQaPairs } from '../src/knowledge/import-qa-pairs';
import { createLogger } from '../src/logger';
import { createRuntime, type Runtime } from '../src/runtime';
import { listen, type ShutdownResult } from '../src/server';

export interface TestServer {
  url: string;
  runtime: Runtime;
  db: Database;
  /** Every log line the server wrote, for assertions (e.g. that no secret leaks). */
  logs: string[];
  /** Creates an owner and their workspace, optionally with settings. */
  createWorkspace(options?: {
    settings?: Record<string, unknown>;
  }): Promise<{ workspaceId: string; ownerId: string; email: string }>;
  /**
   * Asks one question through `POST /api/chat` (JSON, a new session) and returns the status,
   * the raw body (for leak checks) and the assistant message.
   */
  ask(
    workspaceId: string,
    message: string,
  ): Promise<{ status: number; text: string; message: AssistantMessage }>;
  /** Adds Q&A pairs through the real import path (embedded with the server's embedder). */
  addPairs(workspaceId: string, pairs: QaPairInput[]): Promise<void>;
  /** Graceful stop, as on SIGTERM (the database stays open until `close`). */
  shutdown(timeoutMs?: number): Promise<ShutdownResult>;
  close(): Promise<void>;
}

/** How a test server differs from the default one (a fresh migrated PGlite of its own). */
export interface TestServerOptions {
  /** Environment on top of the test defaults; a `CLARA_DATA_DIR` given here is the caller's to remove. */
  env?: Record<string, string>;
  /**
   * An open database that another instance uses (a second instance behind a load balancer, a
   * restart): `close()` leaves it open. `'env'`: the one the environment names (`DATABASE_URL`),
   * opened as `clara serve` opens it and closed with the server.
   */
  db?: Database | 'env';
  /** Applies the migrations to a database opened from the environment (the first instance). */
  migrate?: boolean;
}

/**
 * The data folder of the first test server on each database. A second instance or a restart on
 * the same database starts with that folder's master.key, as a restart on one machine, or a second
 * instance given the same key, would: once the database holds sealed secrets, Clara refuses to
 * generate another key.
 */
const firstDataDir = new WeakMap<Database, string>();

/** Starts the real Clara server on a random loopback port, by default over a fresh migrated PGlite. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const ownDataDir = options.env?.CLARA_DATA_DIR === undefined;
  const dataDir = options.env?.CLARA_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'clara-test-'));
  const sharedWith = typeof options.db === 'object' ? firstDataDir.get(options.db) : undefined;
  const firstKey = sharedWith === undefined ? undefined : join(sharedWith, 'master.key');
  if (ownDataDir && firstKey && existsSync(firstKey)) copyFileSync(firstKey, join(dataDir, 'master.key'));
  const config: Config = loadConfig({
    CLARA_DATA_DIR: dataDir,
    LOG_LEVEL: 'debug',
    // Suites sign up many owners from 127.0.0.1; sign-up control has its own tests.
    CLARA_SIGNUP: 'open',
    CLARA_SIGNUP_PER_HOUR: '100000',
    // Suites script provider faults turn after turn on one key; the circuit breaker has its own tests.
    CLARA_LLM_BREAKER_MS: '0',
    PORT: '0',
    ...options.env,
  });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(String(chunk));
      callback();
    },
  });
  const logger = createLogger({ level: config.logLevel, destination });
  const shared = typeof options.db === 'object' ? options.db : undefined;
  const given = options.db === 'env' ? undefined : (shared ?? (await createTestDatabase()));
  const runtime = await createRuntime(config, logger, { db: given });
  const db = runtime.db;
  if (!firstDataDir.has(db)) firstDataDir.set(db, dataDir);
  if (options.migrate) await migrate(db);
  const running = await listen(runtime, 0, '127.0.0.1');
  return {
    url: running.url,
    runtime,
    db,
    logs,
    async createWorkspace(opts = {}) {
      const email = `owner-${randomUUID().slice(0, 8)}@example.com`;
      const user = await createUser(db, email, 'not-a-real-hash');
      const ws = await createWorkspace(db, user.id, { settings: opts.settings });
      return { workspaceId: ws.id, ownerId: user.id, email };
    },
    async ask(workspaceId, message) {
      const res = await fetch(`${running.url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          workspace_id: workspaceId,
          session_token: randomUUID(),
          message_id: randomUUID(),
          message,
        }),
      });
      const text = await res.text();
      return {
        status: res.status,
        text,
        message: (JSON.parse(text) as { message: AssistantMessage }).message,
      };
    },
    async addPairs(workspaceId, pairs) {
      await importQaPairs(
        db,
        runtime.embedder,
        workspaceId,
        pairs.map((pair, i) => ({ row: i + 2, pair })),
        {
          source: 'manual',
        },
      );
    },
    shutdown: (timeoutMs = config.shutdownTimeoutMs) => running.shutdown({ timeoutMs }),
    async close() {
      await running.close();
      // A shared database stays open for the instance that owns it.
      if (shared) await Promise.all([runtime.vectors.stop(), runtime.augmenter.stop()]);
      else await runtime.close();
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
