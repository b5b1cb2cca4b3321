import { ClaraError, type WorkspaceRecord } from '@clara/core';
import {
  createUser,
  createWorkspace,
  type Database,
  deleteUser,
  findUserByEmail,
  getWorkspaceByOwner,
  revokeAuthSession,
  revokeUserAuthSessions,
  setUserPassword,
  touchLastSignIn,
  withOwner,
} from '@clara/supabase';
import { hashPassword, verifyPassword } from './password';
import type { Principal } from './principal';
import type { SignInAttempt, SignInThrottle } from './sign-in-throttle';
import type { SignUpGuard } from './sign-up-guard';

export interface SignedIn {
  principal: Principal;
  workspace: WorkspaceRecord;
}

export interface AuthService {
  /** Checks the credentials (with backoff per email + address); throws 401 or 429. */
  signIn(email: string, password: string, ip: string): Promise<SignedIn>;
  /**
   * Creates the account and the owner's one workspace; 429 over the per-address limit, 403 when
   * sign-up is closed or needs an invite (see `SignUpGuard`), 409 if the email is taken.
   */
  signUp(
    email: string,
    password: string,
    workspaceName: string | undefined,
    context: { ip: string; invite?: string | undefined },
  ): Promise<SignedIn>;
  /** The owner's workspace through the RLS path, created on first use (the 1:1 rule). */
  ensureWorkspace(principal: Principal): Promise<WorkspaceRecord>;
  /** Ends the principal's session (its token is refused from now on). */
  signOut(principal: Principal): Promise<void>;
  /** Ends every session of the principal's account, this one included; returns how many. */
  signOutEverywhere(principal: Principal): Promise<number>;
  /**
   * Checks the current password (throttled like sign-in), stores the new one and ends every
   * other session of the account; throws 401 or 429.
   */
  changePassword(principal: Principal, current: string, next: string, ip: string): Promise<void>;
}

const badCredentials = () => new ClaraError('unauthorized', 'Wrong email or password.');

/** Embedded email + password accounts over `auth.users` (scrypt hashes). */
export function createAuthService(
  db: Database,
  throttle: SignInThrottle,
  signUpGuard?: SignUpGuard,
): AuthService {
  // Unknown emails still pay for one scrypt, so timing does not reveal which accounts exist.
  let dummyHash: Promise<string> | undefined;

  async function ensureWorkspace(principal: Principal): Promise<WorkspaceRecord> {
    return withOwner(db, principal, async (tx) => {
      const existing = await getWorkspaceByOwner(tx, principal.id);
      return existing ?? createWorkspace(tx, principal.id);
    });
  }

  return {
    ensureWorkspace,
    async signIn(email, password, ip) {
      // Reserved (counted as a failure) before the password is checked: a burst cannot race the lock.
      const attempt = await throttle.reserve(email, ip);
      if (attempt.retryAfter > 0) throw rateLimited(attempt.retryAfter, attempt.lockedFor);
      const user = await findUserByEmail(db, email);
      dummyHash ??= hashPassword('clara-timing-equaliser');
      const ok = await verifyPassword(password, user?.encrypted_password ?? (await dummyHash));
      if (!user?.encrypted_password || !ok) {
        if (attempt.lockIfWrong > 0) throw rateLimited(attempt.lockIfWrong, attempt.lockedFor);
        throw badCredentials();
      }
      await throttle.succeed(email, ip);
      await touchLastSignIn(db, user.id);
      const principal = { id: user.id, email: user.email };
      return { principal, workspace: await ensureWorkspace(principal) };
    },
    async signOut(principal) {
      if (principal.sessionId) await revokeAuthSession(db, principal.sessionId);
    },
    signOutEverywhere: (principal) => revokeUserAuthSessions(db, principal.id),
    async changePassword(principal, current, next, ip) {
      const attempt = await throttle.reserve(principal.email, ip);
      if (attempt.retryAfter > 0) throw rateLimited(attempt.retryAfter, attempt.lockedFor);
      const user = await findUserByEmail(db, principal.email);
      const ok =
        user?.id === principal.id && user.encrypted_password
          ? await verifyPassword(current, user.encrypted_password)
          : false;
      if (!ok) {
        if (attempt.lockIfWrong > 0) throw rateLimited(attempt.lockIfWrong, attempt.lockedFor);
        throw new ClaraError('unauthorized', 'The current password is wrong.');
      }
      await throttle.succeed(principal.email, ip);
      const hash = await hashPassword(next);
      await db.transaction(async (tx) => {
        await setUserPassword(tx, principal.id, hash);
        await revokeUserAuthSessions(tx, principal.id, principal.sessionId);
      });
    },
    async signUp(email, password, workspaceName, context) {
      await signUpGuard?.count(context.ip);
      const hash = await hashPassword(password);
      const user = await db.transaction(async (tx) => {
        await signUpGuard?.authorize(tx, { email, invite: context.invite });
        return createUser(tx, email, hash);
      });
      const principal = { id: user.id, email: user.email };
      try {
        return {
          principal,
          workspace: await withOwner(db, principal, (tx) =>
            createWorkspace(tx, user.id, { name: workspaceName }),
          ),
        };
      } catch (error) {
        await deleteUser(db, user.id);
        throw error;
      }
    },
  };
}

/** A 429 whose Retry-After the routes copy into the header. */
export class RateLimitedError extends ClaraError {
  constructor(
    readonly retryAfterSeconds: number,
    what = 'Too many failed sign-ins.',
  ) {
    super('rate_limited', `${what} Try again in ${retryAfterSeconds} seconds.`);
  }
}

const rateLimited = (seconds: number, lockedFor: SignInAttempt['lockedFor']) =>
  new RateLimitedError(
    seconds,
    lockedFor === 'account'
      ? 'Too many failed sign-ins for this account (from any address): it is locked for a short while.'
      : 'Too many failed sign-ins.',
  );
