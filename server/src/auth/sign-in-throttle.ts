import { createHash } from 'node:crypto';
import {
  clearSignInFailures,
  type Database,
  lockSignInFailures,
  releaseSignInFailure,
  setSignInFailures,
} from '@clara/supabase';

/** What reserving a sign-in attempt decided. */
export interface SignInAttempt {
  /** > 0: refused, the password must not be checked; seconds until the next attempt may be made. */
  retryAfter: number;
  /** If this attempt's password turns out wrong: the lock now in force (seconds), or 0. */
  lockIfWrong: number;
}

/** Brute-force protection for sign-in, keyed by email + client address, and by address alone. */
export interface SignInThrottle {
  /**
   * Reserves one attempt before the password is checked, atomically: the attempt counts as
   * a failure from now on, so N concurrent attempts can never check more than the allowed
   * number of passwords. Check nothing when `retryAfter > 0`.
   */
  reserve(email: string, ip: string): Promise<SignInAttempt>;
  /** The reserved attempt was right: forget the email's failures (the address keeps its others). */
  succeed(email: string, ip: string): Promise<void>;
}

export interface ThrottleOptions {
  /** Failures allowed for one email from one address before the first lock. */
  freeFailures?: number;
  /** Failures allowed from one address over all emails before it is locked. */
  freeFailuresPerIp?: number;
  /** First lock, doubled at each further failure. */
  baseLockSeconds?: number;
  maxLockSeconds?: number;
  /** Failures older than this are forgotten. */
  windowSeconds?: number;
  now?: () => Date;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');
const emailKey = (email: string, ip: string) => digest(`${email.trim().toLowerCase()}\n${ip}`);
const ipKey = (ip: string) => digest(`*\n${ip}`);

/**
 * Exponential backoff stored in `auth_sign_in_failures`, so several instances share it:
 * after 5 failures for an email from an address the pair is locked for 30 s, then 60 s,
 * 120 s… up to 15 minutes; an address is locked the same way after 50 failures over any
 * emails. Attempts are reserved under row locks (`SELECT … FOR UPDATE`) before the
 * password is checked, and the lock a failure would start is set at once, so a burst of
 * concurrent attempts checks at most the allowed number of passwords.
 */
export function createSignInThrottle(db: Database, options: ThrottleOptions = {}): SignInThrottle {
  const limits = { email: options.freeFailures ?? 5, ip: options.freeFailuresPerIp ?? 50 };
  const base = options.baseLockSeconds ?? 30;
  const max = options.maxLockSeconds ?? 900;
  const windowMs = (options.windowSeconds ?? 3600) * 1000;
  const now = options.now ?? (() => new Date());

  return {
    reserve(email, ip) {
      const free = new Map([
        [emailKey(email, ip), limits.email],
        [ipKey(ip), limits.ip],
      ]);
      return db.transaction(async (tx) => {
        const at = now();
        const rows = await lockSignInFailures(tx, [...free.keys()], at);
        const wait = Math.max(0, ...rows.map((r) => (r.locked_until?.getTime() ?? 0) - at.getTime()));
        if (wait > 0) return { retryAfter: Math.ceil(wait / 1000), lockIfWrong: 0 };
        let lockIfWrong = 0;
        for (const row of rows) {
          const stale = at.getTime() - row.last_failure_at.getTime() > windowMs;
          const failures = (stale ? 0 : row.failures) + 1;
          const allowed = free.get(row.key) ?? limits.email;
          const lock = failures >= allowed ? Math.min(max, base * 2 ** (failures - allowed)) : 0;
          lockIfWrong = Math.max(lockIfWrong, lock);
          await setSignInFailures(
            tx,
            row.key,
            failures,
            at,
            lock > 0 ? new Date(at.getTime() + lock * 1000) : null,
          );
        }
        return { retryAfter: 0, lockIfWrong };
      });
    },
    async succeed(email, ip) {
      await db.transaction(async (tx) => {
        await clearSignInFailures(tx, emailKey(email, ip));
        // The address keeps its other failures (signing in to one's own account must not reset a
        // guesser's count); only this attempt's reservation, and the lock it set, are undone.
        await releaseSignInFailure(tx, ipKey(ip), limits.ip);
      });
    },
  };
}
