import type { ImportJobRecord } from '@clara/supabase';
import { z } from 'zod';
import type { CsvRowError } from '../../knowledge/parse-qa-csv';

/** A running or finished CSV import, as the admin polls it. */
export interface ImportJob {
  id: string;
  status: 'running' | 'done' | 'failed';
  phase: 'embedding' | 'saving' | 'done';
  /** Rows embedded so far. */
  done: number;
  /** Rows saved so far (committed in batches; removed again if the import fails). */
  saved: number;
  total: number;
  /** `inactive`: of the imported pairs, those stored inactive (`is_active=false` rows). */
  result: {
    imported: number;
    inactive: number;
    /** Pairs of the knowledge base whose answer or category the file changed, updated (the owner chose to). */
    updated: number;
    skipped: number;
    errors: CsvRowError[];
    batch_id: string;
  } | null;
  error: string | null;
}

const resultSchema = z
  .object({
    imported: z.number(),
    // Jobs recorded before the count existed had no inactive rows.
    inactive: z.number().default(0),
    updated: z.number().default(0), // none in jobs recorded before imports could update pairs
    skipped: z.number(),
    errors: z.array(z.object({ row: z.number(), message: z.string() })),
    batch_id: z.string(),
  })
  .nullable()
  .catch(null);

/** The fields of a job its running instance writes (`updateImportJob`). */
export const progressOf = (job: ImportJob) => ({
  status: job.status,
  phase: job.phase,
  done: job.done,
  saved: job.saved,
  result: job.result,
  error: job.error,
});

/** A job as `import_jobs` stores it, as the admin polls it (a result it cannot read: null). */
export const fromRecord = (r: ImportJobRecord): ImportJob => ({
  id: r.id,
  status: r.status,
  phase: r.phase,
  done: r.done,
  saved: r.saved,
  total: r.total,
  result: resultSchema.parse(r.result),
  error: r.error,
});
