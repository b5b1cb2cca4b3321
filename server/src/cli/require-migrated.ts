import type { Logger } from '@clara/core';
import { ClaraError } from '@clara/core';
import {
  pendingMigrations,
  pendingMigrationsMessage,
  readMigrations,
  type SqlExecutor,
} from '@clara/supabase';

/**
 * Before serving: a database that was never migrated (none of Clara's tables) is refused with
 * the pending-migrations hint, as the start-up work would fail on a missing table. A partly
 * migrated one is served with a warning, `/readyz` answering 503 until `clara migrate` runs.
 */
export async function requireMigrated(db: SqlExecutor, logger: Pick<Logger, 'warn'>): Promise<void> {
  const pending = await pendingMigrations(db);
  if (pending.length === 0) return;
  const message = pendingMigrationsMessage(pending.length);
  if (pending.length === readMigrations().length) throw new ClaraError('unavailable', message);
  logger.warn({ pending: pending.length }, `${message} /readyz answers 503 until then.`);
}
