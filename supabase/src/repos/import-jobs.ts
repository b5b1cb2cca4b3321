import type { Database, SqlExecutor } from '../database';
import { hasRunningImport } from './import-batches';

/** A CSV import job as stored in `import_jobs` (`result` is the server's JSON, unparsed). */
export interface ImportJobRecord {
  id: string;
  workspaceId: string;
  status: 'running' | 'done' | 'failed';
  phase: 'embedding' | 'saving' | 'done';
  total: number;
  done: number;
  saved: number;
  result: unknown;
  error: string | null;
  /** Running, but with no update for longer than the stale limit asked for. */
  stale: boolean;
}

/** The fields the running instance writes. */
export type ImportJobProgress = Pick<
  ImportJobRecord,
  'status' | 'phase' | 'done' | 'saved' | 'result' | 'error'
>;

interface Row {
  id: string;
  workspace_id: string;
  status: ImportJobRecord['status'];
  phase: ImportJobRecord['phase'];
  total: number;
  done: number;
  saved: number;
  result: unknown;
  error: string | null;
  stale: boolean;
}

const toRecord = (r: Row): ImportJobRecord => ({
  id: r.id,
  workspaceId: r.workspace_id,
  status: r.status,
  phase: r.phase,
  total: r.total,
  done: r.done,
  saved: r.saved,
  result: r.result ?? null,
  error: r.error,
  stale: r.stale,
});

const columns = (staleParam: string) =>
  `id, workspace_id, status, phase, total, done, saved, result, error,
   (status = 'running' AND updated_at < now() - make_interval(secs => ${staleParam})) AS stale`;

/** Records a new running job (server side). */
export async function insertImportJob(
  sql: SqlExecutor,
  job: { id: string; workspaceId: string; total: number },
): Promise<void> {
  await sql.query('INSERT INTO import_jobs (id, workspace_id, total) VALUES ($1, $2, $3)', [
    job.id,
    job.workspaceId,
    job.total,
  ]);
}

/**
 * Records a new running job unless the workspace already has one running (with progress within
 * `staleSeconds`; a crashed instance's job stops counting then). The check and the insert run in
 * one transaction holding an advisory lock keyed on the workspace, so two instances starting an
 * import at once cannot both pass the check. Returns false when another import is running.
 * Server side.
 */
export async function claimImportJob(
  db: Database,
  job: { id: string; workspaceId: string; total: number },
  staleSeconds: number,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Released at commit or rollback; read-committed statements after it see the other's insert.
    await tx.query("SELECT pg_advisory_xact_lock(hashtextextended('clara.import_jobs:' || $1::text, 0))", [
      job.workspaceId,
    ]);
    if (await hasRunningImport(tx, job.workspaceId, staleSeconds)) return false;
    await insertImportJob(tx, job);
    return true;
  });
}

/** Writes the job's progress and refreshes `updated_at` (the heartbeat); server side. */
export async function updateImportJob(
  sql: SqlExecutor,
  id: string,
  progress: ImportJobProgress,
): Promise<void> {
  await sql.query(
    `UPDATE import_jobs SET status = $2, phase = $3, done = $4, saved = $5, result = $6::jsonb, error = $7,
       updated_at = now()
     WHERE id = $1`,
    [
      id,
      progress.status,
      progress.phase,
      progress.done,
      progress.saved,
      progress.result === null ? null : JSON.stringify(progress.result),
      progress.error,
    ],
  );
}

/**
 * One job by id, as `sql` may see it: through `withOwner()` RLS shows only the owner's own
 * workspace's jobs. `stale` says it is running without an update for `staleSeconds`.
 */
export async function findImportJob(
  sql: SqlExecutor,
  id: string,
  staleSeconds: number,
): Promise<ImportJobRecord | null> {
  const [row] = await sql.query<Row>(`SELECT ${columns('$2')} FROM import_jobs WHERE id = $1`, [
    id,
    staleSeconds,
  ]);
  return row ? toRecord(row) : null;
}

/**
 * Marks the job failed with `error` if it is still running with no update for
 * `staleSeconds` (its instance died); server side. Returns the job as it is now, or null.
 */
export async function failStaleImportJob(
  sql: SqlExecutor,
  id: string,
  staleSeconds: number,
  error: string,
): Promise<ImportJobRecord | null> {
  const [row] = await sql.query<Row>(
    `UPDATE import_jobs SET status = 'failed', error = $3, updated_at = now()
     WHERE id = $1 AND status = 'running' AND updated_at < now() - make_interval(secs => $2)
     RETURNING ${columns('$2')}`,
    [id, staleSeconds, error],
  );
  return row ? toRecord(row) : findImportJob(sql, id, staleSeconds);
}

/** Deletes jobs not updated for `olderThanSeconds` (finished long ago, or long dead). */
export async function pruneImportJobs(sql: SqlExecutor, olderThanSeconds: number): Promise<number> {
  const rows = await sql.query(
    'DELETE FROM import_jobs WHERE updated_at < now() - make_interval(secs => $1) RETURNING 1',
    [olderThanSeconds],
  );
  return rows.length;
}
