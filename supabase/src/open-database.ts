import type { Database } from './database';
import { openPg } from './drivers/pg-driver';
import { openPglite } from './drivers/pglite-driver';
import { migrate } from './migrate';

export interface OpenDatabaseOptions {
  /** Postgres with pgvector (Supabase or self-hosted). When set, PGlite is not used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory (embedded mode). */
  dataDir?: string | undefined;
  /** Apply pending migrations after opening (default true for PGlite, false for Postgres). */
  migrate?: boolean | undefined;
  poolSize?: number | undefined;
  /** Per-transaction statement timeout with DATABASE_URL (ms; 0 = none). */
  statementTimeoutMs?: number | undefined;
  /** With DATABASE_URL: how long to wait for a connection (ms; default 10 s). */
  connectionTimeoutMs?: number | undefined;
  /** Embedded mode: what this process is, named in the data directory's lock (see `acquireDataDirLock`). */
  command?: string | undefined;
}

/** Opens the configured database: `pg` over DATABASE_URL, else embedded PGlite. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const db = options.databaseUrl
    ? await openPg({
        connectionString: options.databaseUrl,
        max: options.poolSize,
        statementTimeoutMs: options.statementTimeoutMs,
        connectionTimeoutMs: options.connectionTimeoutMs,
      })
    : await openPglite({ dataDir: options.dataDir, command: options.command });
  const shouldMigrate = options.migrate ?? db.kind === 'pglite';
  if (shouldMigrate) await migrate(db);
  return db;
}
