import type { ImportJob } from '@clara/contract';
import { ClaraError } from '@clara/core';
import { deleteImportBatchPairs, listPairsForExport } from '@clara/supabase';
import { z } from 'zod';
import type { OwnerState } from '../../auth';
import { RateLimitedError } from '../../auth/auth-service';
import { readBodyBytes } from '../../http/read-text-body';
import { validate } from '../../http/validated-body';
import { wire } from '../../http/wire';
import { delimiterNames } from '../../knowledge/csv-delimiter';
import { decodeCsvBytes } from '../../knowledge/decode-csv-bytes';
import { countInactive } from '../../knowledge/import-duplicates';
import type { RegisterRoutes } from '../deps';
import { ownerRun } from '../owner-scope';
import { idParam } from '../params';
import { knowledgeCsv } from './csv-export';
import { createImportJobs } from './import-jobs';
import { planImport } from './import-plan';

const csvTypes = ['text/csv', 'text/plain', 'application/csv'];
/** The changed rows a preview lists (it counts them all). */
const maxChangesShown = 200;
const importQuerySchema = z.object({ update: z.enum(['true', 'false']).optional() });
/** The CSV limit the upload is checked against and the 413 names ("The file is over 20 MB."). */
const csvLimit = 20 * 1024 * 1024;

/** CSV preview, import with progress, undo of a whole import batch, and export. */
export const registerImportRoutes: RegisterRoutes = (router, deps) => {
  const { db } = deps;
  const jobs = createImportJobs(deps);

  router.post('/knowledge/import/preview', async (ctx) => {
    // Bytes, not text: UTF-16 is decoded, another encoding refused with what to do (`decodeCsvBytes`).
    const text = decodeCsvBytes(await readBodyBytes(ctx, { limit: csvLimit, types: csvTypes }));
    const plan = await ownerRun(ctx, db)((tx, ws) => planImport(tx, ws, text));
    ctx.body = {
      total: plan.total,
      valid: plan.rows.length,
      // Rows repeating a pair's question with another answer or category: the import may update them.
      changed: plan.changed.length,
      changes: plan.changed.slice(0, maxChangesShown).map((c) => ({
        row: c.row,
        id: c.id,
        question: c.question,
        answer: c.answer,
        category: c.category,
        previous_answer: c.previous.answer,
        previous_category: c.previous.category,
      })),
      inactive: countInactive(plan.rows),
      errors: plan.errors,
      // Of `errors`, the rows already in the knowledge base as they are (a normal re-import): the
      // admin lists them apart, neutrally. `errors` still holds them, for older clients.
      unchanged_rows: plan.errors
        .filter((e) => /^duplicate question: already in the knowledge base.*, unchanged$/.test(e.message))
        .map((e) => e.row),
      sample: plan.rows.slice(0, 5).map((r) => ({ row: r.row, ...r.pair, is_active: r.active })),
      // What the columns were read as separated by: commas, or semicolons or tabs (the header shows which).
      separator: delimiterNames[plan.delimiter],
    };
  });

  router.post('/knowledge/import', async (ctx) => {
    // Bytes, not text: UTF-16 is decoded, another encoding refused with what to do (`decodeCsvBytes`).
    const text = decodeCsvBytes(await readBodyBytes(ctx, { limit: csvLimit, types: csvTypes }));
    // `?update=true`: the owner chose to update the pairs whose answer or category the file changed.
    const { update } = validate(importQuerySchema, ctx.query);
    try {
      ctx.body = {
        job: await jobs.start((ctx.state as OwnerState).owner, text, { update: update === 'true' }),
      };
    } catch (error) {
      if (error instanceof RateLimitedError) ctx.set('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
    ctx.status = 202;
  });

  router.get('/knowledge/import/:jobId', async (ctx) => {
    const job = await jobs.get((ctx.state as OwnerState).owner, idParam(ctx.params.jobId, 'import'));
    if (!job) throw new ClaraError('not_found', 'No import has this id.');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = wire<{ job: ImportJob }>()({ job });
  });

  router.delete('/knowledge/import-batches/:batchId', async (ctx) => {
    const batchId = idParam(ctx.params.batchId, 'import batch');
    // The batch id is its import's job id: undoing an import still writing rows would remove
    // only those saved so far while the job carried on and reported them all imported.
    const job = await jobs.get((ctx.state as OwnerState).owner, batchId);
    if (job?.status === 'running') {
      throw new ClaraError('conflict', 'This import is still running: undo it once it has finished.');
    }
    // The pairs the owner edited since the import stay: undo takes back the file, not their work.
    const { deleted, keptEdited } = await ownerRun(
      ctx,
      db,
    )((tx, ws) => deleteImportBatchPairs(tx, ws, batchId));
    if (deleted === 0 && keptEdited === 0) throw new ClaraError('not_found', 'No import batch has this id.');
    ctx.body = { deleted, kept_edited: keptEdited };
  });

  router.get('/knowledge/export.csv', async (ctx) => {
    const rows = await ownerRun(ctx, db)((tx, ws) => listPairsForExport(tx, ws));
    ctx.set('Content-Disposition', 'attachment; filename="clara-knowledge.csv"');
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'text/csv; charset=utf-8';
    ctx.body = knowledgeCsv(rows);
  });
};
