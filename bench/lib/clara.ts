/** Clara in this process through its public entry points: runtime + HTTP server over a fresh migrated PGlite. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QaPairInput } from '@clara/core';
import { createLogger, createRuntime, importQaPairs, listen, loadConfig, type Runtime } from '@clara/server';
import { createUser, createWorkspace, type Database } from '@clara/supabase';
import { createTestDatabase } from '@clara/supabase/testing';

export interface BenchClara {
  runtime: Runtime;
  db: Database;
  /** Base URL of the HTTP server, or null when started without one. */
  url: string | null;
  createWorkspace(): Promise<string>;
  /** Imports pairs through the real import path (embed + insert in one transaction). */
  addPairs(workspaceId: string, pairs: readonly QaPairInput[]): Promise<number>;
  close(): Promise<void>;
}

// Rate limits are raised: a load generator is one IP sending thousands of messages a minute.
const benchEnv = {
  LOG_LEVEL: 'silent',
  CLARA_CHAT_RATE_PER_IP: '100000',
  CLARA_CHAT_RATE_PER_SESSION: '100000',
};

/** Starts Clara (in-memory embedded database, silent logs); `http: false` skips the server. */
export async function startClara(
  options: { http?: boolean; env?: Record<string, string> } = {},
): Promise<BenchClara> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clara-bench-'));
  const config = loadConfig({ CLARA_DATA_DIR: dataDir, PORT: '0', ...benchEnv, ...options.env });
  const logger = createLogger({ level: config.logLevel });
  const db = await createTestDatabase();
  const runtime = await createRuntime(config, logger, { db });
  const running = options.http === false ? null : await listen(runtime, 0, '127.0.0.1');
  let owners = 0;
  return {
    runtime,
    db,
    url: running?.url ?? null,
    async createWorkspace() {
      const user = await createUser(db, `bench-${process.pid}-${owners++}@example.com`, 'not-a-real-hash');
      return (await createWorkspace(db, user.id, {})).id;
    },
    async addPairs(workspaceId, pairs) {
      const result = await importQaPairs(
        db,
        runtime.embedder,
        workspaceId,
        pairs.map((pair, i) => ({ row: i + 2, pair })),
      );
      return result.imported;
    },
    async close() {
      await running?.close();
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
