import { mkdirSync } from 'node:fs';
import { ClaraError } from '@clara/core';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import type { Database, SqlExecutor } from '../database';

export interface PgliteOptions {
  /** Data directory; omit for an in-memory database. */
  dataDir?: string | undefined;
  /** A tarball from `dumpDataDir()` to start from (fast test fixtures). */
  loadDataDir?: Blob | File | undefined;
}

function wrap(run: () => Promise<unknown>) {
  return run().catch((error: unknown) => {
    throw translate(error);
  });
}

function translate(error: unknown): unknown {
  // PGlite aborts for good after a WASM trap; surface that as unavailable, not as a bug in the query.
  if (
    error instanceof Error &&
    /RuntimeError|aborted|unreachable/i.test(error.message) &&
    !('code' in error)
  ) {
    return new ClaraError('unavailable', 'The embedded database stopped working; restart Clara.', {
      cause: error,
    });
  }
  return error;
}

function executor(db: Pick<PGlite, 'query' | 'exec'>): SqlExecutor {
  return {
    async query<T>(text: string, params: readonly unknown[] = []) {
      const result = (await wrap(() => db.query(text, params as unknown[]))) as { rows: T[] };
      return result.rows;
    },
    async exec(text: string) {
      await wrap(() => db.exec(text));
    },
  };
}

/** Opens the embedded database: real Postgres in WASM with pgvector. */
export async function openPglite(options: PgliteOptions = {}): Promise<Database & { pglite: PGlite }> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    extensions: { vector },
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const base = executor(pglite);
  return {
    kind: 'pglite',
    pglite,
    ...base,
    transaction: (fn) => pglite.transaction((tx) => fn(executor(tx))),
    close: () => pglite.close(),
  };
}
