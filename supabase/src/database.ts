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

/** Formats a vector as pgvector's text input: `[0.1,0.2,...]`. */
export function toVectorLiteral(vector: ArrayLike<number>): string {
  let out = '[';
  for (let i = 0; i < vector.length; i++) {
    if (i > 0) out += ',';
    // 7 significant digits is float4's precision; more only makes the literal longer.
    out += Number(vector[i]).toPrecision(7);
  }
  return `${out}]`;
}
