import { type ImportJobProgress, type SqlExecutor, updateImportJob } from '@clara/supabase';
import type { Logger } from '../../logger';

/** Writes one job's progress to `import_jobs` without ever making the import wait on it. */
export interface ProgressWriter {
  /** Queues the latest state (only the newest unwritten one is kept); returns at once. */
  publish(progress: ImportJobProgress): void;
  /** Writes the final state after anything queued; true when it reached the database. */
  finish(progress: ImportJobProgress): Promise<boolean>;
}

/**
 * Progress of an import, written from the instance running it so that any instance can
 * answer the admin's polls. Writes run one at a time, outside the import's own transaction
 * and never awaited by it: on the embedded database, or a pool of one connection, a write
 * waits for the save transaction to commit instead of deadlocking with it. Every
 * `heartbeatMs` the last state is written again, so a job whose instance died goes stale.
 */
export function createProgressWriter(deps: {
  sql: SqlExecutor;
  jobId: string;
  logger: Pick<Logger, 'warn'>;
  heartbeatMs: number;
}): ProgressWriter {
  let latest: ImportJobProgress | null = null;
  let pending: ImportJobProgress | null = null;
  let draining: Promise<void> | null = null;
  let lastOk = false;

  const drain = async () => {
    while (pending) {
      const progress = pending;
      pending = null;
      try {
        await updateImportJob(deps.sql, deps.jobId, progress);
        lastOk = true;
      } catch (error) {
        lastOk = false;
        deps.logger.warn({ err: error, job: deps.jobId }, 'import progress not saved');
      }
    }
  };

  const publish = (progress: ImportJobProgress) => {
    latest = { ...progress };
    pending = latest;
    draining ??= drain().finally(() => {
      draining = null;
    });
  };

  const heartbeat = setInterval(() => {
    if (latest && !draining) publish(latest);
  }, deps.heartbeatMs);
  heartbeat.unref();

  return {
    publish,
    async finish(progress) {
      clearInterval(heartbeat);
      publish(progress);
      while (draining) await draining;
      return lastOk;
    },
  };
}
