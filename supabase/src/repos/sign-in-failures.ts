import type { SqlExecutor } from '../database';

/** A row of `auth_sign_in_failures`: failed (or reserved) attempts under one key. */
export interface SignInFailureRow {
  key: string;
  failures: number;
  locked_until: Date | null;
  last_failure_at: Date;
}

/**
 * Counts one attempt under `key` in a fixed one-hour window starting at its first attempt;
 * returns the count and the window's end.
 */
export async function countHourlyAttempt(
  sql: SqlExecutor,
  key: string,
  at: Date,
): Promise<{ failures: number; locked_until: Date } | null> {
  const [row] = await sql.query<{ failures: number; locked_until: Date }>(
    `INSERT INTO auth_sign_in_failures AS f (key, failures, last_failure_at, locked_until)
     VALUES ($1, 1, $2, $2::timestamptz + interval '1 hour')
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN f.locked_until <= $2 THEN 1 ELSE f.failures + 1 END,
       locked_until = CASE WHEN f.locked_until <= $2 THEN $2::timestamptz + interval '1 hour' ELSE f.locked_until END,
       last_failure_at = $2
     RETURNING failures, locked_until`,
    [key, at],
  );
  return row ?? null;
}

/** Creates the missing rows for `keys` and locks them all (`FOR UPDATE`, in key order). */
export async function lockSignInFailures(
  tx: SqlExecutor,
  keys: readonly string[],
  at: Date,
): Promise<SignInFailureRow[]> {
  for (const key of keys) {
    await tx.query(
      `INSERT INTO auth_sign_in_failures (key, failures, last_failure_at) VALUES ($1, 0, $2)
       ON CONFLICT (key) DO NOTHING`,
      [key, at],
    );
  }
  return tx.query<SignInFailureRow>(
    'SELECT key, failures, locked_until, last_failure_at FROM auth_sign_in_failures WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE',
    [keys],
  );
}

/** Sets a key's failure count, time and lock. */
export async function setSignInFailures(
  tx: SqlExecutor,
  key: string,
  failures: number,
  at: Date,
  lockedUntil: Date | null,
): Promise<void> {
  await tx.query(
    'UPDATE auth_sign_in_failures SET failures = $2, last_failure_at = $3, locked_until = $4 WHERE key = $1',
    [key, failures, at, lockedUntil],
  );
}

/** Forgets a key's failures. */
export async function clearSignInFailures(tx: SqlExecutor, key: string): Promise<void> {
  await tx.query('DELETE FROM auth_sign_in_failures WHERE key = $1', [key]);
}

/** Takes back one reserved failure from a key, and its lock when fewer than `free` remain. */
export async function releaseSignInFailure(tx: SqlExecutor, key: string, free: number): Promise<void> {
  await tx.query(
    `UPDATE auth_sign_in_failures SET failures = greatest(failures - 1, 0),
       locked_until = CASE WHEN failures - 1 < $2 THEN NULL ELSE locked_until END
     WHERE key = $1`,
    [key, free],
  );
}

/**
 * Records a successful sign-in under `key` (an email and client address, hashed by the caller):
 * the time is kept in `last_failure_at` of a row no failure ever counts under.
 */
export async function recordKnownSignIn(tx: SqlExecutor, key: string, at: Date): Promise<void> {
  await tx.query(
    `INSERT INTO auth_sign_in_failures (key, failures, last_failure_at) VALUES ($1, 0, $2)
     ON CONFLICT (key) DO UPDATE SET last_failure_at = greatest(auth_sign_in_failures.last_failure_at, $2)`,
    [key, at],
  );
}

/** Whether `recordKnownSignIn` recorded `key` at or after `since`. */
export async function knownSignInSince(tx: SqlExecutor, key: string, since: Date): Promise<boolean> {
  const rows = await tx.query(
    'SELECT 1 FROM auth_sign_in_failures WHERE key = $1 AND last_failure_at >= $2',
    [key, since],
  );
  return rows.length > 0;
}
