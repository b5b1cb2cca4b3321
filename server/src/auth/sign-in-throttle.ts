import { createHash } from 'node:crypto';
import {
  clearSignInFailures,
  type Database,
  knownSignInSince,
  lockSignInFailures,
  recordKnownSignIn,
  releaseSignInFailure,
  setSignInFailures,
} from '@clara/supabase';
import { clientAddressKey } from '../http/client-address-key';

/** What reserving a sign-in attempt decided. */
export interface SignInAttempt {
  /** > 0: refused, the password must not be checked; seconds until the next attempt may be made. */
  retryAfter: number;
  /** What a refusal (or the lock a wrong password starts) is for: the account, or this address. */
  lockedFor: 'account' | 'address';
  /** If this attempt's password turns out wrong: the lock now in force (seconds), or 0. */
  lockIfWrong: number;
}

/**
 * Brute-force protection for sign-in, keyed by email + client address, by address alone and by
 * email alone (the account, from any address). Addresses are keyed by `clientAddressKey`.
 */
export interface SignInThrottle {
  /**
   * Reserves one attempt before the password is checked, atomically: the attempt counts as
   * a failure from now on, so N concurrent attempts can never check more than the allowed
   * number of passwords. Check nothing when `retryAfter > 0`.
   */
  reserve(email: string, ip: string): Promise<SignInAttempt>;
  /**
   * The reserved attempt was right: forget the email's failures from this address (the address
   * and the account keep their others).
   */
  succeed(email: string, ip: string): Promise<void>;
}

export interface ThrottleOptions {
  /** Failures allowed for one email from one address before the first lock. */
  freeFailures?: number;
  /** Failures allowed from one address over all emails before it is locked. */
  freeFailuresPerIp?: number;
  /** Failures allowed for one email over all addresses before the account is locked. */
  freeFailuresPerAccount?: number;
  /** First lock, doubled at each further failure. */
  baseLockSeconds?: number;
  maxLockSeconds?: number;
  /** The longest lock of an account (shorter: a guesser must not keep its owner out for long). */
  maxAccountLockSeconds?: number;
  /** Failures older than this are forgotten. */
  windowSeconds?: number;
  /** How long an address the account signed in from stays exempt from the account lock. */
  knownAddressDays?: number;
  now?: () => Date;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');
const normal = (email: string) => email.trim().toLowerCase();
const emailKey = (email: string, ip: string) => digest(`${normal(email)}\n${clientAddressKey(ip)}`);
const ipKey = (ip: string) => digest(`*\n${clientAddressKey(ip)}`);
const accountKey = (email: string) => digest(`account\n${normal(email)}`);
const knownKey = (email: string, ip: string) => digest(`known\n${normal(email)}\n${clientAddressKey(ip)}`);

/**
 * Exponential backoff stored in `auth_sign_in_failures`, so several instances share it:
 * after 5 failures for an email from an address the pair is locked for 30 s, then 60 s,
 * 120 s… up to 15 minutes; an address is locked the same way after 50 failures over any
 * emails. An account (an email, from any addresses) is locked after 10 failures for 30 s, then
 * 60 s, 120 s… up to 5 minutes: each further failure doubles the lock, attempts during a lock
 * are refused unchecked and not counted, and failures are forgotten after an hour without one,
 * so a guesser spread over many addresses gets about a dozen guesses an hour. The account lock
 * does not apply at an address the account signed in from in the last 90 days (its owner's
 * usual place, by the same address key): there the password is checked under the email +
 * address and address limits only, so a guesser who keeps the account locked does not keep its
 * owner out. Attempts are reserved under row locks
 * (`SELECT … FOR UPDATE`) before the password is checked, and the lock a failure would start
 * is set at once, so a burst of concurrent attempts checks at most the allowed number of passwords.
 */
export function createSignInThrottle(db: Database, options: ThrottleOptions = {}): SignInThrottle {
  const limits = {
    email: options.freeFailures ?? 5,
    ip: options.freeFailuresPerIp ?? 50,
    account: options.freeFailuresPerAccount ?? 10,
  };
  const base = options.baseLockSeconds ?? 30;
  const max = options.maxLockSeconds ?? 900;
  const maxAccount = options.maxAccountLockSeconds ?? 300;
  const windowMs = (options.windowSeconds ?? 3600) * 1000;
  const knownMs = (options.knownAddressDays ?? 90) * 86_400_000;
  const now = options.now ?? (() => new Date());

  return {
    reserve(email, ip) {
      const account = accountKey(email);
      return db.transaction(async (tx) => {
        const at = now();
        // At an address the account signed in from before, the account's lock and count do not apply.
        const known = await knownSignInSince(tx, knownKey(email, ip), new Date(at.getTime() - knownMs));
        const free = new Map([
          [emailKey(email, ip), limits.email],
          [ipKey(ip), limits.ip],
          ...(known ? [] : ([[account, limits.account]] as const)),
        ]);
        const rows = await lockSignInFailures(tx, [...free.keys()], at);
        const waitOf = (r: (typeof rows)[number]) => (r.locked_until?.getTime() ?? 0) - at.getTime();
        const wait = Math.max(0, ...rows.map(waitOf));
        if (wait > 0) {
          const accountWait = rows.find((r) => r.key === account);
          const lockedFor = accountWait && waitOf(accountWait) >= wait ? 'account' : 'address';
          return { retryAfter: Math.ceil(wait / 1000), lockIfWrong: 0, lockedFor };
        }
        let lockIfWrong = 0;
        let lockedFor: SignInAttempt['lockedFor'] = 'address';
        for (const row of rows) {
          const stale = at.getTime() - row.last_failure_at.getTime() > windowMs;
          const failures = (stale ? 0 : row.failures) + 1;
          const allowed = free.get(row.key) ?? limits.email;
          const cap = row.key === account ? maxAccount : max;
          const lock = failures >= allowed ? Math.min(cap, base * 2 ** (failures - allowed)) : 0;
          if (lock > lockIfWrong || (lock > 0 && lock === lockIfWrong && row.key === account)) {
            lockedFor = row.key === account ? 'account' : 'address';
          }
          lockIfWrong = Math.max(lockIfWrong, lock);
          await setSignInFailures(
            tx,
            row.key,
            failures,
            at,
            lock > 0 ? new Date(at.getTime() + lock * 1000) : null,
          );
        }
        return { retryAfter: 0, lockIfWrong, lockedFor };
      });
    },
    async succeed(email, ip) {
      await db.transaction(async (tx) => {
        const at = now();
        await clearSignInFailures(tx, emailKey(email, ip));
        // Was the account counted for this attempt? Not at an address it already knew.
        const counted = !(await knownSignInSince(tx, knownKey(email, ip), new Date(at.getTime() - knownMs)));
        await recordKnownSignIn(tx, knownKey(email, ip), at);
        // The address and the account keep their other failures (signing in to one's own account
        // must not reset a guesser's count); only this attempt's reservation, and the lock it
        // set, are undone.
        await releaseSignInFailure(tx, ipKey(ip), limits.ip);
        // The account's lock goes too when this attempt was counted there: none was in force when
        // it was reserved (it would have been refused), so it is this attempt's. A guesser's next
        // failure locks it again. At a known address a guesser's lock stays as it is.
        const [account] = counted ? await lockSignInFailures(tx, [accountKey(email)], at) : [];
        if (account) {
          await setSignInFailures(
            tx,
            account.key,
            Math.max(0, account.failures - 1),
            account.last_failure_at,
            null,
          );
        }
      });
    },
  };
}
