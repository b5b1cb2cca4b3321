import type { Database } from '../database';

/** pgvector on this database is older than 0.5: it has no HNSW. */
export class HnswUnavailableError extends Error {
  constructor() {
    super('this database has pgvector older than 0.5: no HNSW');
    this.name = 'HnswUnavailableError';
  }
}

/** What a rebuild of the shared vector index did. */
export interface RebuiltIndex {
  index: string;
  type: 'hnsw' | 'ivfflat';
  lists?: number;
  /** Pairs with an embedding, indexed. */
  rows: number;
}

/**
 * Drops and rebuilds `idx_qa_pairs_embedding` in one transaction (writes to qa_pairs wait while
 * it builds; searches keep working), then ANALYZE. HNSW is built by the migration's own
 * `clara_build_hnsw_index()`; IVFFlat with `lists(rows)` lists. Throws `HnswUnavailableError` (rolled back)
 * when pgvector is too old for HNSW (< 0.5).
 */
export async function rebuildVectorIndex(
  db: Database,
  type: 'hnsw' | 'ivfflat',
  lists: (rows: number) => number,
): Promise<RebuiltIndex> {
  return db.transaction(async (tx) => {
    // Building reads every vector: more memory than the default, and longer than a chat statement.
    await tx.query(
      "SELECT set_config('maintenance_work_mem', '512MB', true), set_config('statement_timeout', '0', true)",
    );
    const [count] = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM qa_pairs WHERE embedding IS NOT NULL',
    );
    const rows = count?.n ?? 0;
    if (type === 'hnsw') {
      const [built] = await tx.query<{ kind: string }>('SELECT clara_build_hnsw_index() AS kind');
      if (built?.kind !== 'hnsw') throw new HnswUnavailableError();
      await tx.exec('ANALYZE qa_pairs');
      return { index: 'idx_qa_pairs_embedding', type, rows };
    }
    const chosen = lists(rows);
    await tx.exec('DROP INDEX IF EXISTS idx_qa_pairs_embedding');
    await tx.exec(
      `CREATE INDEX idx_qa_pairs_embedding ON qa_pairs USING ivfflat (embedding vector_cosine_ops) WITH (lists = ${Math.trunc(chosen)})`,
    );
    await tx.exec('ANALYZE qa_pairs');
    return { index: 'idx_qa_pairs_embedding', type, lists: chosen, rows };
  });
}

/**
 * A partial HNSW index over one workspace's pairs (the migration's
 * `clara_build_workspace_hnsw_index`), for a large workspace in a shared table. Null when no
 * workspace has this id.
 */
export async function rebuildWorkspaceVectorIndex(
  db: Database,
  workspaceId: string,
): Promise<{ index: string | undefined; rows: number } | null> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT set_config('statement_timeout', '0', true)");
    const [ws] = await tx.query<{ n: number }>(
      'SELECT count(q.id)::int AS n FROM workspaces w LEFT JOIN qa_pairs q ON q.workspace_id = w.id AND q.embedding IS NOT NULL WHERE w.id = $1 GROUP BY w.id',
      [workspaceId],
    );
    if (!ws) return null;
    const [built] = await tx.query<{ name: string }>('SELECT clara_build_workspace_hnsw_index($1) AS name', [
      workspaceId,
    ]);
    await tx.exec('ANALYZE qa_pairs');
    return { index: built?.name, rows: ws.n };
  });
}
