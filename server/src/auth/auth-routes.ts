import { changePasswordSchema, signInSchema, signUpSchema } from '@clara/contract';
import { ClaraError, type WorkspaceRecord } from '@clara/core';
import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { validatedBody } from '../http/validated-body';
import { type AuthService, RateLimitedError } from './auth-service';
import { clearCookie, csrfCookie, readCookie, sessionCookie, setCookie } from './cookies';
import type { Csrf } from './csrf';
import type { Principal, TokenVerifier } from './principal';
import { credentialOf } from './require-owner';
import type { SessionTokens } from './session-token';

export interface AuthRoutesOptions {
  service: AuthService;
  tokens: SessionTokens;
  csrf: Csrf;
  /** The CSRF guard, run before every route (sign-in too: no login CSRF). */
  guard: Middleware;
  /** Secure cookies (HTTPS, directly or behind a proxy per CLARA_PUBLIC_URL). */
  secure: (ctx: Context) => boolean;
  /** More credentials `/session` accepts (Supabase access tokens), after Clara's own. */
  verifiers?: readonly TokenVerifier[];
  /** Clara's own email + password accounts; off when Supabase Auth signs owners in. */
  embeddedAccounts?: boolean;
  /**
   * Whether an account is the server's owner (the first account created on this server), who
   * alone may make owner invites in the admin; `/session` says so as `user.server_owner`
   * (embedded accounts only).
   */
  isServerOwner?: (userId: string) => Promise<boolean>;
}

const publicSession = (principal: Principal, workspace: WorkspaceRecord) => ({
  user: { id: principal.id, email: principal.email },
  workspace: { id: workspace.id, name: workspace.name },
});

/** `/api/auth`: session (and CSRF token), sign-in, sign-up, sign-out (here or everywhere), password change. */
export function authRoutes(options: AuthRoutesOptions): Router {
  const { service, tokens, csrf } = options;
  const router = new Router({ prefix: '/api/auth' });

  // The session body, with `user.server_owner` when accounts are Clara's own.
  const ownerSession = async (principal: Principal, workspace: WorkspaceRecord) => {
    const session = publicSession(principal, workspace);
    if (!options.isServerOwner) return session;
    return { ...session, user: { ...session.user, server_owner: await options.isServerOwner(principal.id) } };
  };

  // The CSRF token is bound to the session cookie `session` (the request's, or the one the
  // response sets; undefined when signed out).
  const issueCsrf = (ctx: Context, rotate: boolean, session: string | undefined): string => {
    const current = readCookie(ctx, csrfCookie);
    if (!rotate && current && csrf.isValid(current, session)) return current;
    const token = csrf.issue(session);
    setCookie(ctx, csrfCookie, token, {
      httpOnly: false,
      secure: options.secure(ctx),
      maxAgeSeconds: tokens.ttlSeconds,
    });
    return token;
  };

  const startSession = async (ctx: Context, principal: Principal) => {
    const jwt = await tokens.sign(principal);
    setCookie(ctx, sessionCookie, jwt, {
      httpOnly: true,
      secure: options.secure(ctx),
      maxAgeSeconds: tokens.ttlSeconds,
    });
    return issueCsrf(ctx, true, jwt);
  };

  router.use(async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    await next();
  });
  router.use(options.guard);

  router.get('/session', async (ctx) => {
    const csrfToken = issueCsrf(ctx, false, readCookie(ctx, sessionCookie));
    const token = credentialOf(ctx);
    let principal: Principal | null = null;
    for (const verifier of token ? [tokens, ...(options.verifiers ?? [])] : []) {
      principal = await verifier.verify(token as string);
      if (principal) break;
    }
    if (!principal) {
      ctx.body = { user: null, workspace: null, csrf_token: csrfToken };
      return;
    }
    ctx.body = {
      ...(await ownerSession(principal, await service.ensureWorkspace(principal))),
      csrf_token: csrfToken,
    };
  });

  router.use(['/sign-in', '/sign-up'], async (_ctx, next) => {
    if (options.embeddedAccounts === false) {
      throw new ClaraError(
        'bad_request',
        'This server signs owners in with Supabase Auth: use the admin app.',
      );
    }
    await next();
  });
  router.post('/sign-in', async (ctx) => {
    const body = await validatedBody(ctx, signInSchema, 8 * 1024);
    try {
      const { principal, workspace } = await service.signIn(body.email, body.password, ctx.ip);
      const csrfToken = await startSession(ctx, principal);
      ctx.body = { ...(await ownerSession(principal, workspace)), csrf_token: csrfToken };
    } catch (error) {
      if (error instanceof RateLimitedError) ctx.set('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  });

  router.post('/sign-up', async (ctx) => {
    const body = await validatedBody(ctx, signUpSchema, 8 * 1024);
    let signedUp: Awaited<ReturnType<AuthService['signUp']>>;
    try {
      signedUp = await service.signUp(body.email, body.password, body.workspace_name, {
        ip: ctx.ip,
        invite: body.invite,
      });
    } catch (error) {
      if (error instanceof RateLimitedError) ctx.set('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
    const { principal, workspace } = signedUp;
    const csrfToken = await startSession(ctx, principal);
    ctx.status = 201;
    ctx.body = { ...(await ownerSession(principal, workspace)), csrf_token: csrfToken };
  });

  /** Clara's own session of the request (cookie or bearer), or null. */
  const ownSession = async (ctx: Context): Promise<Principal | null> => {
    const token = credentialOf(ctx);
    return token ? tokens.verify(token) : null;
  };
  const signedIn = async (ctx: Context): Promise<Principal> => {
    const principal = await ownSession(ctx);
    if (!principal) throw new ClaraError('unauthorized', 'Sign in to continue.');
    return principal;
  };

  router.post('/sign-out', async (ctx) => {
    // The session ends server-side: the token stops working wherever a copy of it is.
    const principal = await ownSession(ctx);
    if (principal) await service.signOut(principal);
    clearCookie(ctx, sessionCookie, { httpOnly: true, secure: options.secure(ctx) });
    issueCsrf(ctx, true, undefined); // a token for the signed-out page (the old one was the session's)
    ctx.status = 204;
  });

  router.post('/sign-out-everywhere', async (ctx) => {
    await service.signOutEverywhere(await signedIn(ctx));
    clearCookie(ctx, sessionCookie, { httpOnly: true, secure: options.secure(ctx) });
    issueCsrf(ctx, true, undefined);
    ctx.status = 204;
  });

  router.post('/password', async (ctx) => {
    if (options.embeddedAccounts === false) {
      throw new ClaraError(
        'bad_request',
        'This server signs owners in with Supabase Auth: change the password there.',
      );
    }
    const principal = await signedIn(ctx);
    const body = await validatedBody(ctx, changePasswordSchema, 8 * 1024);
    try {
      await service.changePassword(principal, body.current_password, body.new_password, ctx.ip);
    } catch (error) {
      if (error instanceof RateLimitedError) ctx.set('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
    ctx.status = 204;
  });

  return router;
}
