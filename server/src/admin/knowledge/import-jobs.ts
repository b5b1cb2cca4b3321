import { randomUUID } from 'node:crypto';
import { type Embedder, embedPairs } from '@clara/core';
import { type Database, insertQaPairs, type NewQaPair, withOwner } from '@clara/supabase';
import type { Principal } from '../../auth';
import type { CsvRowError } from '../../knowledge/parse-qa-csv';
import type { Logger } from '../../logger';
import { type ImportPlan, planImport } from './import-plan';

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
  /** The owner's job, or null (other owners' jobs are invisible). */
  get(owner: Principal, id: string): ImportJob | null;
}

const keepMs = 60 * 60 * 1000;
const embedStep = 250;
const saveStep = 200;

/**
 * CSV imports with progress. Jobs live in this process (poll the instance that started
 * them); the rows go in through the owner's RLS path in one transaction, all or nothing.
 */
export function createImportJobs(deps: { db: Database; embedder: Embedder; logger: Logger }): ImportJobs {
  const jobs = new Map<string, { owner: string; job: ImportJob; at: number }>();

  const prune = () => {
    const cutoff = Date.now() - keepMs;
    for (const [id, entry] of jobs) if (entry.at < cutoff && entry.job.status !== 'running') jobs.delete(id);
  };

  async function run(owner: Principal, job: ImportJob, plan: ImportPlan): Promise<void> {
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
      // Let other requests (progress polls, chat) run between CPU-bound batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    job.phase = 'saving';
    await withOwner(deps.db, owner, async (tx) => {
      const [ws] = await tx.query<{ id: string }>('SELECT id FROM workspaces WHERE owner_id = auth.uid()');
      if (!ws) throw new Error('workspace vanished during import');
      for (let i = 0; i < pairs.length; i += saveStep) {
        await insertQaPairs(tx, ws.id, pairs.slice(i, i + saveStep));
        job.saved = Math.min(i + saveStep, pairs.length);
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
      prune();
      const plan = await withOwner(deps.db, owner, async (tx) => {
        const [ws] = await tx.query<{ id: string }>('SELECT id FROM workspaces WHERE owner_id = auth.uid()');
        return planImport(tx, ws?.id ?? '00000000-0000-0000-0000-000000000000', text);
      });
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
      jobs.set(job.id, { owner: owner.id, job, at: Date.now() });
      run(owner, job, plan).catch((error: unknown) => {
        deps.logger.error({ err: error, job: job.id }, 'CSV import failed');
        job.status = 'failed';
        job.error = 'The import failed and nothing was saved. Try again, or split the file.';
      });
      return job;
    },
    get(owner, id) {
      const entry = jobs.get(id);
      return entry && entry.owner === owner.id ? entry.job : null;
    },
  };
}
