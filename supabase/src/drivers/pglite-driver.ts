import { ClaraError } from '@clara/core';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import type { Database, SqlExecutor } from '../database';
import { dataDirError } from './data-dir-errors';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';
import { secureDataDir } from './data-dir-permissions';

export interface PgliteOptions {
  /** Data directory; omit for an in-memory database. */
  dataDir?: string | undefined;
  /** A tarball from `dumpDataDir()` to start from (fast test fixtures). */
  loadDataDir?: Blob | File | undefined;
  /** What this process is (`serve`, `import`…), recorded in the data directory's lock for the error others see. */
  command?: string | undefined;
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
  let lock: DataDirLock | undefined;
  if (options.dataDir) {
    try {
      secureDataDir(options.dataDir);
    } catch (error) {
      throw dataDirError(options.dataDir, error) ?? error;
    }
    // One writer per data directory: a second process would silently lose its writes.
    lock = acquireDataDirLock(options.dataDir, options.command);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      dataDir: options.dataDir,
      extensions: { vector },
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  // PGlite (Emscripten's file system) creates files 0666 whatever the umask: fix them now and
  // on close; in between the 0700 folder keeps other users out.
  if (options.dataDir) secureDataDir(options.dataDir);
  const dataDir = options.dataDir;
  const base = executor(pglite);
  return {
    kind: 'pglite',
    pglite,
    ...base,
    transaction: (fn) => pglite.transaction((tx) => fn(executor(tx))),
    close: async () => {
      try {
        await pglite.close();
        if (dataDir) secureDataDir(dataDir);
      } finally {
        lock?.release();
      }
    },
  };
}
