import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ClaraError } from '@clara/core';
import { countHourlyAttempt, lockFirstOwnerAndCheckUsers, type SqlExecutor } from '@clara/supabase';
import { clientAddressKey } from '../http/client-address-key';
import { RateLimitedError } from './auth-service';

/** Who may create an account through `POST /api/auth/sign-up` (`CLARA_SIGNUP`). */
export type SignUpMode = 'open' | 'invite' | 'closed';

/** An invite for one email, valid until `expiresAt`: what `clara owner invite` prints. */
export function createInvite(secret: Uint8Array, email: string, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return `${exp}.${sign(secret, email, exp)}`;
}

function sign(secret: Uint8Array, email: string, exp: number): string {
  return createHmac('sha256', secret).update(`${email.trim().toLowerCase()}\n${exp}`).digest('base64url');
}

/** True when `invite` was made for this email with this secret and has not expired. */
export function isValidInvite(secret: Uint8Array, email: string, invite: string, now = new Date()): boolean {
  const [expText, mac] = invite.split('.');
  const exp = Number(expText);
  if (!Number.isInteger(exp) || !mac || exp * 1000 < now.getTime()) return false;
  const expected = Buffer.from(sign(secret, email, exp));
  const actual = Buffer.from(mac);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export interface SignUpGuardOptions {
  mode: SignUpMode;
  /** Sign-up attempts allowed per client address per hour. */
  perHour: number;
  inviteSecret: Uint8Array;
  now?: () => Date;
}

/** Decides whether a sign-up may go ahead. */
export interface SignUpGuard {
  /** Counts the attempt for the address (committed at once); throws 429 over the limit. */
  count(ip: string): Promise<void>;
  /**
   * Throws 403 when sign-up is closed, or by invitation and `invite` is not valid for `email`;
   * call inside the transaction that creates the account (it serialises first sign-ups).
   */
  authorize(tx: SqlExecutor, input: { email: string; invite?: string | undefined }): Promise<void>;
}

const closed = (why: string) => new ClaraError('forbidden', why);

/**
 * Sign-up control for Clara's own accounts: `open` (anyone, throttled), `invite` (the first
 * owner freely, then only with an invite from `clara owner invite`), `closed` (only the
 * CLI creates owners). Every attempt from an address is counted (in `auth_sign_in_failures`,
 * keyed by a digest of the address, an IPv6 one by its /64 (`clientAddressKey`), a fixed
 * one-hour window) before anything about the email is looked at, so refusals say nothing about
 * which emails have accounts.
 */
export function createSignUpGuard(db: SqlExecutor, options: SignUpGuardOptions): SignUpGuard {
  const now = options.now ?? (() => new Date());
  return {
    async count(ip) {
      const at = now();
      const key = createHash('sha256')
        .update(`sign-up\n${clientAddressKey(ip)}`)
        .digest('hex');
      const row = await countHourlyAttempt(db, key, at);
      if (row && row.failures > options.perHour) {
        throw new RateLimitedError(
          Math.max(1, Math.ceil((row.locked_until.getTime() - at.getTime()) / 1000)),
          'Too many sign-ups from this address.',
        );
      }
    },
    async authorize(tx, { email, invite }) {
      if (options.mode === 'open') return;
      if (options.mode === 'closed') {
        throw closed(
          'Sign-up is closed on this server: an administrator creates accounts (clara workspace create).',
        );
      }
      // One first owner at a time: concurrent first sign-ups queue here.
      if (!(await lockFirstOwnerAndCheckUsers(tx))) return;
      if (invite && isValidInvite(options.inviteSecret, email, invite, now())) return;
      throw closed(
        'Sign-up is by invitation on this server: ask the owner for an invite (clara owner invite).',
      );
    },
  };
}
