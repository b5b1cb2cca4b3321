import type { Logger } from '@clara/core';
import { backfillPairSearchText, type Database } from '@clara/supabase';

/** Progress is logged at info every this many pairs written. */
const logEvery = 10_000;

/**
 * Fills the stored search text of pairs written before it existed (migration 20261207180000), in
 * batches, logging progress; the word search folds such rows in SQL until then. `shouldStop` ends
 * it between batches (a server shutting down). One instance at a time: started while another
 * instance runs it, it leaves the work to that one. Returns how many pairs were written.
 */
export async function backfillSearchText(
  db: Database,
  logger: Logger,
  shouldStop?: () => boolean,
): Promise<number> {
  let logged = 0;
  const written = await backfillPairSearchText(db, {
    shouldStop,
    onBusy: () => logger.info({}, 'search text backfill: another instance is running it'),
    onBatch: (n) => {
      if (n - logged < logEvery) return;
      logged = n;
      logger.info({ pairs: n }, 'search text backfill: in progress');
    },
  });
  if (written > 0) logger.info({ pairs: written }, 'search text backfill: done');
  return written;
}

/** `backfillSearchText` in the background of a serving process; `stop()` ends it and waits. */
export function startSearchTextBackfill(db: Database, logger: Logger): { stop: () => Promise<void> } {
  let stopped = false;
  const running = backfillSearchText(db, logger, () => stopped).catch((error: unknown) => {
    // Not fatal: the word search folds rows without stored text itself; the next start retries.
    if (!stopped) logger.warn({ code: (error as { code?: unknown }).code }, 'search text backfill failed');
  });
  return {
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}
