import {
  type Database,
  deletePairsById,
  failInterruptedImportJobs,
  importBatchPairIds,
} from '@clara/supabase';
import type { Logger } from '../../logger';

/** The message a job whose import was cut carries (its saved rows are removed). */
export const interruptedMessage =
  'The import stopped (the server running it went away) and nothing was saved. Try again.';

/**
 * Removes the pairs one import batch added, a few hundred per transaction so chat on the
 * embedded database never waits long behind it (the undo of a failed or cut import).
 */
export async function removeImportBatch(db: Database, workspaceId: string, batchId: string): Promise<number> {
  const ids = await importBatchPairIds(db, workspaceId, batchId);
  let removed = 0;
  for (let i = 0; i < ids.length; i += 500) {
    removed += await db.transaction((tx) => deletePairsById(tx, workspaceId, ids.slice(i, i + 500)));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return removed;
}

/**
 * Fails import jobs that stopped (`staleSeconds` null: every running one, for the embedded
 * server at start-up) and removes what they had saved: an import commits in batches so chat
 * never waits on it, and this is the undo that makes a cut import leave nothing behind.
 */
export async function recoverInterruptedImports(
  db: Database,
  logger: Pick<Logger, 'info' | 'warn'>,
  staleSeconds: number | null,
): Promise<number> {
  const jobs = await failInterruptedImportJobs(db, staleSeconds, interruptedMessage);
  for (const job of jobs) {
    const removed = await removeImportBatch(db, job.workspace_id, job.id);
    logger.info({ job: job.id, workspace_id: job.workspace_id, removed }, 'interrupted import removed');
  }
  return jobs.length;
}
