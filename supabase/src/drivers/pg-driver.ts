import { ClaraError } from '@clara/core';
import pg from 'pg';
import type { Database, SqlExecutor } from '../database';

export interface PgOptions {
  connectionString: string;
  /** Pool size per instance; keep it small behind Supabase's pooler. */
  max?: number;
}

// Connection-level failures (refused, reset, admin shutdown) mean "try again later", not a bug.
const unavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006']);

function translate(error: unknown): unknown {
  const code = (error as { code?: string } | null)?.code;
  if (code && unavailableCodes.has(code)) {
    return new ClaraError('unavailable', 'The database is unreachable; try again shortly.', { cause: error });
  }
  if (error instanceof Error && /Connection terminated|connect ECONNREFUSED/.test(error.message)) {
    return new ClaraError('unavailable', 'The database is unreachable; try again shortly.', { cause: error });
  }
  return error;
}

function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    async query<T>(text: string, params: readonly unknown[] = []) {
      try {
        // Unnamed statements only: named prepared statements break under transaction pooling.
        const result = await client.query(text, params as unknown[]);
        return result.rows as T[];
      } catch (error) {
        throw translate(error);
      }
    },
    async exec(text: string) {
      try {
        await client.query(text);
      } catch (error) {
        throw translate(error);
      }
    },
  };
}

/** Opens a connection pool to Postgres with pgvector (Supabase or self-hosted). */
export async function openPg(options: PgOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => {});
  const base = executor(pool);
  return {
    kind: 'pg',
    ...base,
    async transaction(fn) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw translate(error);
      }
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw translate(error);
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
