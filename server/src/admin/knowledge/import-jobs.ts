import { randomUUID } from 'node:crypto';
import { ClaraError, type Embedder, embedPairs } from '@clara/core';
import {
  type Database,
  failStaleImportJob,
  findImportJob,
  type ImportJobRecord,
  insertImportJob,
  insertQaPairs,
  type NewQaPair,
  pruneImportJobs,
  withOwner,
} from '@clara/supabase';
import { z } from 'zod';
import type { Principal } from '../../auth';
import type { CsvRowError } from '../../knowledge/parse-qa-csv';
import type { Logger } from '../../logger';
import { type ImportPlan, planImport } from './import-plan';
import { createProgressWriter, type ProgressWriter } from './import-progress';

/** A running or finished CSV import, as the admin polls it. */
export interface ImportJob {
  id: string;
  status: 'running' | 'done' | 'failed';
  phase: 'embedding' | 'saving' | 'done';
  /** Rows embedded so far. */
  done: number;
  /** Rows saved so far (in the one transaction: nothing is visible until all are). */
  saved: number;
  total: number;
  result: { imported: number; skipped: number; errors: CsvRowError[]; batch_id: string } | null;
  error: string | null;
}

export interface ImportJobs {
  /** Plans the import (400 on a broken file) and runs it in the background; returns the job. */
  start(owner: Principal, text: string): Promise<ImportJob>;
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

const defaultTimings: ImportJobTimings = { staleAfterSeconds: 120, heartbeatMs: 30_000, keepSeconds: 86_400 };
const embedStep = 250;
const saveStep = 200;
const failedMessage = 'The import failed and nothing was saved. Try again, or split the file.';
const staleMessage = 'The import stopped (the server running it went away) and nothing was saved. Try again.';

const resultSchema = z
  .object({
    imported: z.number(),
    skipped: z.number(),
    errors: z.array(z.object({ row: z.number(), message: z.string() })),
    batch_id: z.string(),
  })
  .nullable()
  .catch(null);

const progressOf = (job: ImportJob) => ({
  status: job.status,
  phase: job.phase,
  done: job.done,
  saved: job.saved,
  result: job.result,
  error: job.error,
});

const fromRecord = (r: ImportJobRecord): ImportJob => ({
  id: r.id,
  status: r.status,
  phase: r.phase,
  done: r.done,
  saved: r.saved,
  total: r.total,
  result: resultSchema.parse(r.result),
  error: r.error,
});

/**
 * CSV imports with progress. A job's state is in `import_jobs`, written every batch by the
 * instance running it, so polls are answered by any instance (the running one answers from
 * memory: its freshest state, and no wait on the embedded database's save transaction). The
 * rows go in through the owner's RLS path in one transaction, all or nothing.
 */
export function createImportJobs(
  deps: { db: Database; embedder: Embedder; logger: Logger },
  timings: ImportJobTimings = defaultTimings,
): ImportJobs {
  // Jobs running here, until their final state is in the database.
  const local = new Map<string, { owner: string; job: ImportJob }>();

  async function run(owner: Principal, job: ImportJob, plan: ImportPlan, progress: ProgressWriter) {
    const batchId = randomUUID();
    const pairs: NewQaPair[] = [];
    for (let i = 0; i < plan.rows.length; i += embedStep) {
      const slice = plan.rows.slice(i, i + embedStep);
      const vectors = await embedPairs(
        deps.embedder,
        slice.map((r) => r.pair),
      );
      slice.forEach((r, j) => {
        const embedding = vectors[j];
        if (!embedding) throw new Error('embedder returned fewer vectors than texts');
        pairs.push({
          ...r.pair,
          embedding,
          source: 'csv_import',
          metadata: { import_batch_id: batchId, embedding_model: deps.embedder.id, import_row: r.row },
        });
      });
      job.done = Math.min(i + embedStep, plan.rows.length);
      progress.publish(progressOf(job));
      // Let other requests (progress polls, chat) run between CPU-bound batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    job.phase = 'saving';
    progress.publish(progressOf(job));
    await withOwner(deps.db, owner, async (tx) => {
      const [ws] = await tx.query<{ id: string }>('SELECT id FROM workspaces WHERE owner_id = auth.uid()');
      if (!ws) throw new Error('workspace vanished during import');
      for (let i = 0; i < pairs.length; i += saveStep) {
        await insertQaPairs(tx, ws.id, pairs.slice(i, i + saveStep));
        job.saved = Math.min(i + saveStep, pairs.length);
        progress.publish(progressOf(job));
        // Small statements with a yield between them keep the server responsive (PGlite runs in-process).
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    job.result = {
      imported: pairs.length,
      skipped: plan.errors.length,
      errors: plan.errors,
      batch_id: batchId,
    };
    job.phase = 'done';
    job.status = 'done';
  }

  return {
    async start(owner, text) {
      const { plan, workspaceId } = await withOwner(deps.db, owner, async (tx) => {
        const [ws] = await tx.query<{ id: string }>('SELECT id FROM workspaces WHERE owner_id = auth.uid()');
        if (!ws)
          throw new ClaraError('workspace_not_found', 'You have no workspace yet: sign out and in again.');
        return { plan: await planImport(tx, ws.id, text), workspaceId: ws.id };
      });
      await pruneImportJobs(deps.db, timings.keepSeconds);
      const job: ImportJob = {
        id: randomUUID(),
        status: 'running',
        phase: 'embedding',
        done: 0,
        saved: 0,
        total: plan.rows.length,
        result: null,
        error: null,
      };
      await insertImportJob(deps.db, { id: job.id, workspaceId, total: job.total });
      local.set(job.id, { owner: owner.id, job });
      const progress = createProgressWriter({
        sql: deps.db,
        jobId: job.id,
        logger: deps.logger,
        heartbeatMs: timings.heartbeatMs,
      });
      run(owner, job, plan, progress)
        .catch((error: unknown) => {
          deps.logger.error({ err: error, job: job.id }, 'CSV import failed');
          job.status = 'failed';
          job.error = failedMessage;
        })
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
      const failed = await failStaleImportJob(deps.db, id, stale, staleMessage);
      return fromRecord(failed ?? found);
    },
  };
}
