import { pendingMigrations, pendingMigrationsMessage } from '@clara/supabase';
import type { Runtime } from '../runtime';

/** Whether this instance should take traffic, and if not, why (safe to show: no secrets). */
export type Readiness = { ready: true } | { ready: false; reason: string; message: string };

/** The longest a readiness probe waits for the database. */
export const readinessTimeoutMs = 3_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Ready when the process is not shutting down, the database answers within
 * `readinessTimeoutMs`, and every migration file is recorded as applied.
 */
export async function checkReadiness(runtime: Pick<Runtime, 'db' | 'lifecycle'>): Promise<Readiness> {
  if (runtime.lifecycle.draining) {
    return { ready: false, reason: 'shutting_down', message: 'Clara is shutting down.' };
  }
  let pending: string[];
  try {
    pending = await withTimeout(pendingMigrations(runtime.db), readinessTimeoutMs);
  } catch {
    return { ready: false, reason: 'database_unreachable', message: 'The database is unreachable.' };
  }
  if (pending.length > 0) {
    return {
      ready: false,
      reason: 'migrations_pending',
      message: pendingMigrationsMessage(pending.length),
    };
  }
  return { ready: true };
}
