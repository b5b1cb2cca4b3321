import { randomUUID } from 'node:crypto';
import { ClaraError, type Embedder, embedPairs } from '@clara/core';
import {
  claimImportJob,
  type Database,
  failStaleImportJob,
  findImportJob,
  largeImportRows,
  type NewQaPair,
  ownWorkspaceId,
  pruneImportJobs,
  refreshSearchStatistics,
  withOwner,
} from '@clara/supabase';
import type { Principal } from '../../auth';
import { RateLimitedError } from '../../auth/auth-service';
import { countInactive, notUpdated } from '../../knowledge/import-duplicates';
import { saveFollowingParents } from '../../knowledge/import-parents';
import { parentGoneError, saveImportChunk } from '../../knowledge/import-phrasings';
import { applyUpdates, prepareUpdates } from '../../knowledge/import-updates';
import type { Logger } from '../../logger';
import { fromRecord, type ImportJob, progressOf } from './import-job-state';
import { type ImportPlan, planImport } from './import-plan';
import { createProgressWriter, type ProgressWriter } from './import-progress';
import { interruptedMessage, removeImportBatch } from './import-recovery';

export type { ImportJob } from './import-job-state';

export interface ImportJobs {
  /** Plans the import (400 on a broken file), runs it in the background, returns the job; `update`: see `planImport`. */
  start(owner: Principal, text: string, options?: { update?: boolean | undefined }): Promise<ImportJob>;
  /** The owner's job, from any instance, or null (other owners' jobs are invisible). */
  get(owner: Principal, id: string): Promise<ImportJob | null>;
}

/** Timings; the defaults suit production, tests shorten them. */
export interface ImportJobTimings {
  /** A running job with no progress written for this long is reported failed. */
  staleAfterSeconds: number;
  /** How often the running instance rewrites its progress while nothing else changes. */
  heartbeatMs: number;
  /** Jobs are deleted this long after their last update. */
  keepSeconds: number;
}

/** How many imports may run at once on one server (each workspace: one). */
export const maxConcurrentImports = 2;

const defaultTimings: ImportJobTimings = { staleAfterSeconds: 120, heartbeatMs: 30_000, keepSeconds: 86_400 };
// Rows embedded and committed per transaction: the longest a chat query waits behind an import
// on the embedded database (one transaction at a time, one JS thread) is about one of these.
const chunkRows = 50;
// After each chunk the import rests as long as the chunk took (at most this): a chat turn makes
// several queries in a row, and each would otherwise queue behind a fresh chunk.
const maxRestMs = 100;
const alreadyRunning = () =>
  new ClaraError('conflict', 'An import is already running for this workspace: wait for it to finish.');
const failedMessage = 'The import failed and nothing was saved. Try again, or split the file.';
const updatedThenFailed = (n: number) =>
  `The import failed: its new rows were removed, but the ${n === 1 ? 'pair' : `${n} pairs`} it had updated keep${n === 1 ? 's' : ''} the file's answers (as edits). Try again.`;

/**
 * CSV imports with progress. A job's state is in `import_jobs`, written every batch by the
 * instance running it, so polls are answered by any instance (the running one answers from
 * memory). Rows are embedded and committed `chunkRows` at a time through the owner's RLS
 * path, each pair tagged with the job id as its `import_batch_id`: chat (on the embedded
 * database, one transaction at a time) never waits long behind an import, memory stays
 * bounded, and a failed import removes what it saved (a cut one is removed on recovery, see
 * `recoverInterruptedImports`). One running import per workspace, `maxConcurrentImports` per
 * server.
 */
export function createImportJobs(
  deps: { db: Database; embedder: Embedder; logger: Logger },
  timings: ImportJobTimings = defaultTimings,
): ImportJobs {
  // Jobs running here, until their final state is in the database.
  const local = new Map<string, { owner: string; job: ImportJob }>();
  const runningWorkspaces = new Set<string>();

  async function run(
    owner: Principal,
    job: ImportJob,
    plan: ImportPlan,
    progress: ProgressWriter,
    workspaceId: string,
    update: boolean,
  ) {
    // The job id doubles as the batch id: recovery finds a cut import's rows by it.
    const batchId = job.id;
    // Every chunk's pairs get the same creation time: the list shows the import in file order.
    const createdAt = new Date();
    // Ids of the rows saved so far: a phrasing row links to its pair's (saved in an earlier chunk or this one).
    const idsByRow = new Map<number, string>();
    // Phrasing rows not saved: their pair was deleted while the import ran.
    const goneRows = new Set<number>();
    let updated = 0;
    const errors = [
      ...plan.errors,
      ...notUpdated(update ? [] : plan.changed, 'choose to update changed answers'),
    ];
    try {
      for (let i = 0; i < plan.rows.length; i += chunkRows) {
        const chunkStarted = performance.now();
        const slice = plan.rows.slice(i, i + chunkRows);
        const vectors = await embedPairs(
          deps.embedder,
          slice.map((r) => r.pair),
        );
        const pairs: NewQaPair[] = slice.map((r, j) => {
          const embedding = vectors[j];
          if (!embedding) throw new Error('embedder returned fewer vectors than texts');
          return {
            ...r.pair,
            embedding,
            source: 'csv_import',
            is_active: r.active,
            metadata: {
              import_batch_id: batchId,
              embedding_model: deps.embedder.id,
              import_row: r.row,
            },
          };
        });
        job.done = Math.min(i + chunkRows, plan.rows.length);
        job.phase = 'saving';
        // A phrasing row whose pair the owner edits meanwhile is embedded again with its answer;
        // one whose pair was deleted since the file was read is left out, and reported.
        const gone = await saveFollowingParents(deps.embedder, slice, pairs, () =>
          withOwner(deps.db, owner, (tx) =>
            saveImportChunk(tx, workspaceId, slice, pairs, idsByRow, { createdAt }),
          ),
        );
        for (const r of gone) {
          goneRows.add(r.row);
          errors.push(parentGoneError(r));
        }
        job.saved = job.done;
        progress.publish(progressOf(job));
        // Chat queued behind this chunk runs before the next one starts, with room for its next queries.
        const rest = Math.min(maxRestMs, performance.now() - chunkStarted);
        await new Promise((resolve) => setTimeout(resolve, rest));
      }
      // After the new rows (their phrasings of an updated pair move with it), `chunkRows` pairs per
      // transaction, each embedded first. An update is an edit: one committed stays if the import
      // fails after it (the new rows go), and the job's error says how many.
      const changes = update ? plan.changed : [];
      for (let i = 0; i < changes.length; i += chunkRows) {
        const chunkStarted = performance.now();
        const done = (n: number) => (job.done = plan.rows.length + i + n);
        const prepared = await prepareUpdates(
          deps.db,
          deps.embedder,
          workspaceId,
          changes.slice(i, i + chunkRows),
          {
            rows: plan.rows,
            onProgress: done,
          },
        );
        job.phase = 'saving';
        const applied = await withOwner(deps.db, owner, (tx) =>
          applyUpdates(tx, workspaceId, prepared, deps.embedder.id),
        );
        updated += applied.updated;
        errors.push(...applied.errors);
        job.saved = job.done;
        progress.publish(progressOf(job));
        const rest = Math.min(maxRestMs, performance.now() - chunkStarted);
        await new Promise((resolve) => setTimeout(resolve, rest));
      }
    } catch (error) {
      if (updated > 0) job.error = updatedThenFailed(updated);
      await removeImportBatch(deps.db, workspaceId, batchId).catch((undoError: unknown) =>
        deps.logger.error({ err: undoError, job: job.id }, 'CSV import undo failed: recovery will retry'),
      );
      throw error;
    }
    // The pairs are saved and searchable; fresher planner statistics only make searches faster.
    if (plan.rows.length >= largeImportRows && !(await refreshSearchStatistics(deps.db)))
      deps.logger.warn({ job: job.id }, 'refreshing search statistics after an import failed');
    errors.sort((a, b) => a.row - b.row);
    const saved = plan.rows.filter((r) => !goneRows.has(r.row));
    job.result = {
      imported: saved.length,
      inactive: countInactive(saved),
      updated,
      skipped: errors.length,
      errors,
      batch_id: batchId,
    };
    job.phase = 'done';
    job.status = 'done';
  }

  return {
    async start(owner, text, options = {}) {
      const update = options.update === true;
      const { plan, workspaceId } = await withOwner(deps.db, owner, async (tx) => {
        const id = await ownWorkspaceId(tx);
        if (!id)
          throw new ClaraError('workspace_not_found', 'You have no workspace yet: sign out and in again.');
        return { plan: await planImport(tx, id, text), workspaceId: id };
      });
      if (runningWorkspaces.has(workspaceId)) throw alreadyRunning();
      if (runningWorkspaces.size >= maxConcurrentImports) {
        throw new RateLimitedError(30, 'Other imports are running on this server.');
      }
      runningWorkspaces.add(workspaceId);
      await pruneImportJobs(deps.db, timings.keepSeconds);
      const job: ImportJob = {
        id: randomUUID(),
        status: 'running',
        phase: 'embedding',
        done: 0,
        saved: 0,
        total: plan.rows.length + (update ? plan.changed.length : 0),
        result: null,
        error: null,
      };
      // Atomic in the database: another instance may be starting one for this workspace now.
      let claimed = false;
      try {
        claimed = await claimImportJob(
          deps.db,
          { id: job.id, workspaceId, total: job.total },
          timings.staleAfterSeconds,
        );
      } finally {
        if (!claimed) runningWorkspaces.delete(workspaceId);
      }
      if (!claimed) throw alreadyRunning();
      local.set(job.id, { owner: owner.id, job });
      const progress = createProgressWriter({
        sql: deps.db,
        jobId: job.id,
        logger: deps.logger,
        heartbeatMs: timings.heartbeatMs,
      });
      run(owner, job, plan, progress, workspaceId, update)
        .catch((error: unknown) => {
          deps.logger.error({ err: error, job: job.id }, 'CSV import failed');
          job.status = 'failed';
          job.error = job.error ?? failedMessage;
        })
        .finally(() => runningWorkspaces.delete(workspaceId))
        .then(() => progress.finish(progressOf(job)))
        .then((saved) => {
          // Polls go to the database from now on; if it missed the final state, keep answering here.
          if (saved) local.delete(job.id);
        })
        .catch((error: unknown) =>
          deps.logger.error({ err: error, job: job.id }, 'CSV import bookkeeping failed'),
        );
      return { ...job };
    },

    async get(owner, id) {
      const mine = local.get(id);
      if (mine) return mine.owner === owner.id ? { ...mine.job } : null;
      const stale = timings.staleAfterSeconds;
      const found = await withOwner(deps.db, owner, (tx) => findImportJob(tx, id, stale));
      if (!found) return null;
      if (!found.stale) return fromRecord(found);
      // Its instance stopped writing: record the failure (server side; RLS lets owners only read).
      const failed = await failStaleImportJob(deps.db, id, stale, interruptedMessage);
      // What it had saved goes too (its batch id is the job id).
      await removeImportBatch(deps.db, found.workspaceId, id);
      return fromRecord(failed ?? found);
    },
  };
}
