import { ClaraError } from '@clara/core';
import pg from 'pg';
import type { Database, SqlExecutor } from '../database';

export interface PgOptions {
  connectionString: string;
  /** Pool size per instance; keep it small behind Supabase's pooler. */
  max?: number;
  /**
   * Server-side limit per statement, set in every transaction with `set_config(…, true)` (so
   * it works through a transaction pooler); single statements outside a transaction get the
   * same limit client-side. Default 30 s; 0 turns it off.
   */
  statementTimeoutMs?: number;
  /** Waiting for a pooled connection (default 10 s). */
  connectionTimeoutMs?: number;
  /** Idle connections are closed after this (default 30 s). */
  idleTimeoutMs?: number;
}

// Connection-level failures (refused, reset, admin shutdown) mean "try again later", not a bug.
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
]);

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

// `clientTimeoutMs`: single statements outside a transaction are bounded client-side (a
// startup parameter such as statement_timeout would not survive a transaction pooler).
function executor(client: pg.Pool | pg.PoolClient, clientTimeoutMs = 0): SqlExecutor {
  return {
    async query<T>(text: string, params: readonly unknown[] = []) {
      try {
        // Unnamed statements only (no `name`): named prepared statements break under transaction pooling.
        const config: pg.QueryConfig & { query_timeout?: number } = { text, values: params as unknown[] };
        if (clientTimeoutMs > 0) config.query_timeout = clientTimeoutMs;
        const result = await client.query(config);
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

/**
 * Opens a connection pool to Postgres with pgvector (Supabase or self-hosted). Safe behind
 * Supabase's transaction pooler (Supavisor, port 6543): no named prepared statements and no
 * session state; whatever a transaction sets (role, JWT claims, timeouts) is transaction-local.
 */
export async function openPg(options: PgOptions): Promise<Database> {
  const statementTimeoutMs = Math.max(0, Math.floor(options.statementTimeoutMs ?? 30_000));
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    idleTimeoutMillis: options.idleTimeoutMs ?? 30_000,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
  });
  // One round trip opens the transaction and bounds it: a runaway statement is cancelled and an
  // abandoned transaction cannot hold its pooled server connection for long.
  const begin =
    statementTimeoutMs > 0
      ? `BEGIN; SELECT set_config('statement_timeout', '${statementTimeoutMs}', true), set_config('idle_in_transaction_session_timeout', '${Math.max(statementTimeoutMs * 2, 60_000)}', true)`
      : 'BEGIN';
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => {});
  const base = executor(pool, statementTimeoutMs > 0 ? statementTimeoutMs + 5_000 : 0);
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
        await client.query(begin);
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
