/** Runs SQL. Rows come back as plain objects; jsonb as values, timestamptz as Date. */
export interface SqlExecutor {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements (no parameters). */
  exec(text: string): Promise<void>;
}

/** A database connection (PGlite in-process, or a `pg` pool over DATABASE_URL). */
export interface Database extends SqlExecutor {
  readonly kind: 'pglite' | 'pg';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Formats a vector as pgvector's text input: `[0.1,0.2,...]` (zeros as `0`). */
export function toVectorLiteral(vector: ArrayLike<number>): string {
  const parts = new Array<string>(vector.length);
  for (let i = 0; i < vector.length; i++) {
    const x = Number(vector[i]);
    // 7 significant digits is float4's precision; more only makes the literal longer.
    parts[i] = x === 0 ? '0' : x.toPrecision(7);
  }
  return `[${parts.join(',')}]`;
}

/**
 * Formats a vector as pgvector's `sparsevec` text input, `{1:0.1,7:0.2}/1536` (1-based indices,
 * non-zeros only); cast with `::sparsevec::vector` (pgvector >= 0.7). The local embedder's vectors
 * are mostly zeros, so this is about a quarter of the dense literal and much cheaper to build and
 * parse: bulk writes use it.
 */
export function toSparseVectorLiteral(vector: ArrayLike<number>): string {
  const parts: string[] = [];
  for (let i = 0; i < vector.length; i++) {
    const x = Number(vector[i]);
    if (x !== 0) parts.push(`${i + 1}:${x.toPrecision(7)}`);
  }
  return `{${parts.join(',')}}/${vector.length}`;
}

/** One round trip to the database (`SELECT 1`): throws when it is unreachable. */
export async function pingDatabase(sql: SqlExecutor): Promise<void> {
  await sql.query('SELECT 1');
}
