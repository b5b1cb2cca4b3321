import type { SqlExecutor } from '../database';

/** Ids of the pairs one import batch added to a workspace (`metadata.import_batch_id`). */
export async function importBatchPairIds(
  sql: SqlExecutor,
  workspaceId: string,
  batchId: string,
): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    "SELECT id FROM qa_pairs WHERE workspace_id = $1 AND metadata->>'import_batch_id' = $2",
    [workspaceId, batchId],
  );
  return rows.map((r) => r.id);
}

/** Deletes pairs of a workspace by id; returns how many. */
export async function deletePairsById(
  sql: SqlExecutor,
  workspaceId: string,
  ids: readonly string[],
): Promise<number> {
  const rows = await sql.query(
    'DELETE FROM qa_pairs WHERE workspace_id = $1 AND id = ANY($2::uuid[]) RETURNING 1',
    [workspaceId, ids],
  );
  return rows.length;
}

/**
 * Marks running import jobs failed: all of them (`staleSeconds` null: the embedded server at
 * start-up, when no other process can be running one), or those without progress for
 * `staleSeconds`. Returns the jobs it failed, whose rows the caller removes.
 */
export async function failInterruptedImportJobs(
  sql: SqlExecutor,
  staleSeconds: number | null,
  error: string,
): Promise<{ id: string; workspace_id: string }[]> {
  return sql.query<{ id: string; workspace_id: string }>(
    `UPDATE import_jobs SET status = 'failed', error = $2, updated_at = now()
     WHERE status = 'running' AND ($1::int IS NULL OR updated_at < now() - make_interval(secs => $1::int))
     RETURNING id, workspace_id`,
    [staleSeconds, error],
  );
}

/** True when the workspace has an import running (with progress within `staleSeconds`). */
export async function hasRunningImport(
  sql: SqlExecutor,
  workspaceId: string,
  staleSeconds: number,
): Promise<boolean> {
  const rows = await sql.query(
    `SELECT 1 FROM import_jobs WHERE workspace_id = $1 AND status = 'running'
       AND updated_at >= now() - make_interval(secs => $2::int) LIMIT 1`,
    [workspaceId, staleSeconds],
  );
  return rows.length > 0;
}
