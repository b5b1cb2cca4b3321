import type { Database } from '@clara/supabase';
import { UsageError } from './output';

export const indexHelp = `  clara index rebuild [--lists N]          rebuild the IVFFlat vector index (default lists: rows / 333, 50 to 2000)`;

/**
 * Lists for `rows` pairs. The store probes 50 lists per search, so lists must be well above 50
 * to skip any: at 100K pairs lists = 300 kept recall@5 at 1.0 and cut p50 about 9× against
 * exact search (bench/vector.ts), hence rows / 333 (the seed's rows / 1000 would give 100).
 */
export const defaultLists = (rows: number) => Math.min(2000, Math.max(50, Math.round(rows / 333)));

/**
 * `clara index rebuild`: drops and rebuilds `idx_qa_pairs_embedding` with `lists = N` in one
 * transaction (writes to qa_pairs wait while it builds; searches keep working), then ANALYZE.
 */
export async function indexCommand(
  db: Database,
  sub: string | undefined,
  args: { lists?: string | undefined },
) {
  if (sub !== 'rebuild') throw new UsageError('did you mean: clara index rebuild [--lists N]');
  let lists: number | undefined;
  if (args.lists !== undefined) {
    lists = Number(args.lists);
    if (!Number.isInteger(lists) || lists < 1 || lists > 32_768)
      throw new UsageError('--lists must be 1-32768');
  }
  const started = performance.now();
  return db.transaction(async (tx) => {
    // k-means over every vector: more memory than the default, and longer than a chat statement.
    await tx.query(
      "SELECT set_config('maintenance_work_mem', '512MB', true), set_config('statement_timeout', '0', true)",
    );
    const [count] = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM qa_pairs WHERE embedding IS NOT NULL',
    );
    const rows = count?.n ?? 0;
    const chosen = lists ?? defaultLists(rows);
    await tx.exec('DROP INDEX IF EXISTS idx_qa_pairs_embedding');
    await tx.exec(
      `CREATE INDEX idx_qa_pairs_embedding ON qa_pairs USING ivfflat (embedding vector_cosine_ops) WITH (lists = ${chosen})`,
    );
    await tx.exec('ANALYZE qa_pairs');
    return {
      index: 'idx_qa_pairs_embedding',
      lists: chosen,
      rows,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  });
}
