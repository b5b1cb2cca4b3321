import { createHash } from 'node:crypto';
import type { SqlExecutor } from '@clara/supabase';

/** Brute-force protection for sign-in, keyed by email and client address. */
export interface SignInThrottle {
  /** Seconds to wait before another attempt is allowed, or 0. */
  retryAfter(email: string, ip: string): Promise<number>;
  /** Records a failed attempt; returns the lock (seconds) it started, or 0. */
  fail(email: string, ip: string): Promise<number>;
  /** Forgets the failures after a successful sign-in. */
  succeed(email: string, ip: string): Promise<void>;
}

export interface ThrottleOptions {
  /** Failures allowed before the first lock. */
  freeFailures?: number;
  /** First lock, doubled at each further failure. */
  baseLockSeconds?: number;
  maxLockSeconds?: number;
  /** Failures older than this are forgotten. */
  windowSeconds?: number;
  now?: () => Date;
}

const keyOf = (email: string, ip: string) =>
  createHash('sha256').update(`${email.trim().toLowerCase()}\n${ip}`).digest('hex');

/**
 * Exponential backoff stored in `auth_sign_in_failures`, so several instances share it:
 * after 5 failures the key is locked for 30 s, then 60 s, 120 s… up to 15 minutes.
 */
export function createSignInThrottle(sql: SqlExecutor, options: ThrottleOptions = {}): SignInThrottle {
  const free = options.freeFailures ?? 5;
  const base = options.baseLockSeconds ?? 30;
  const max = options.maxLockSeconds ?? 900;
  const windowSeconds = options.windowSeconds ?? 3600;
  const now = options.now ?? (() => new Date());
  return {
    async retryAfter(email, ip) {
      const [row] = await sql.query<{ locked_until: Date | null }>(
        'SELECT locked_until FROM auth_sign_in_failures WHERE key = $1',
        [keyOf(email, ip)],
      );
      const until = row?.locked_until?.getTime() ?? 0;
      return Math.max(0, Math.ceil((until - now().getTime()) / 1000));
    },
    async fail(email, ip) {
      const at = now();
      const [row] = await sql.query<{ failures: number }>(
        `INSERT INTO auth_sign_in_failures (key, failures, last_failure_at) VALUES ($1, 1, $2)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN auth_sign_in_failures.last_failure_at < $2::timestamptz - make_interval(secs => $3)
                           THEN 1 ELSE auth_sign_in_failures.failures + 1 END,
           last_failure_at = $2
         RETURNING failures`,
        [keyOf(email, ip), at, windowSeconds],
      );
      const failures = row?.failures ?? 1;
      if (failures < free) return 0;
      const lock = Math.min(max, base * 2 ** (failures - free));
      await sql.query('UPDATE auth_sign_in_failures SET locked_until = $2 WHERE key = $1', [
        keyOf(email, ip),
        new Date(at.getTime() + lock * 1000),
      ]);
      return lock;
    },
    async succeed(email, ip) {
      await sql.query('DELETE FROM auth_sign_in_failures WHERE key = $1', [keyOf(email, ip)]);
    },
  };
}
