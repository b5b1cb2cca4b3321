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

/**
 * Undoes one CSV import: deletes its pairs the owner has not edited since (`edited_at`: text or
 * category changed), each with every phrasing of it (`metadata.phrasing_of`): the file's own
 * phrasing rows, edited or not, and those added since (visitors' wordings linked in the gap
 * inbox, alternative phrasings), which without their pair would answer nothing and be listed as
 * pairs of their own. An edited pair stays with all its phrasings, the file's included, edited or
 * not. A phrasing row of the file whose pair is not the file's goes or stays on its own edits.
 * Returns how many of the import's rows were deleted and how many were kept as edited: its
 * pairs (and phrasing rows of pairs outside it) with `edited_at`, not the phrasings kept with them.
 * Run in a transaction: the batch's rows are locked first (`FOR UPDATE`), so a phrasing another
 * import saves of one of them (which locks its pair, `insertPhrasingsOfLivePairs`) is either
 * committed before the delete reads the phrasings, and goes with its pair, or left out by that import.
 */
export async function deleteImportBatchPairs(
  sql: SqlExecutor,
  workspaceId: string,
  batchId: string,
): Promise<{ deleted: number; keptEdited: number }> {
  await sql.query(
    `SELECT 1 FROM qa_pairs WHERE workspace_id = $1 AND metadata->>'import_batch_id' = $2 ORDER BY id FOR UPDATE`,
    [workspaceId, batchId],
  );
  // A new statement: it sees the phrasings committed while the lock above waited.
  const [row] = await sql.query<{ n: number; kept: number }>(
    `WITH batch AS (
       SELECT id, edited_at, lower(metadata->>'phrasing_of') AS parent FROM qa_pairs
        WHERE workspace_id = $1 AND metadata->>'import_batch_id' = $2
     ), own AS (
       -- The file's pairs, and its phrasing rows of pairs outside it; the rest follow their pair.
       SELECT id, edited_at FROM batch
        WHERE parent IS NULL OR parent NOT IN (SELECT id::text FROM batch)
     ), doomed AS (
       SELECT id FROM own WHERE edited_at IS NULL
     ), gone AS (
       DELETE FROM qa_pairs WHERE workspace_id = $1
         AND (id IN (SELECT id FROM doomed) OR lower(metadata->>'phrasing_of') IN (SELECT id::text FROM doomed))
       RETURNING metadata->>'import_batch_id' AS batch_id
     )
     SELECT (SELECT count(*)::int FROM gone WHERE batch_id = $2) AS n,
       (SELECT count(*)::int FROM own WHERE edited_at IS NOT NULL) AS kept`,
    [workspaceId, batchId],
  );
  return { deleted: row?.n ?? 0, keptEdited: row?.kept ?? 0 };
}
