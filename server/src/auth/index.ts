import { createAuthSession, isAuthSessionActive, isServerOwner, ownerAccountsExist } from '@clara/supabase';
import type Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import type { Runtime } from '../runtime';
import { authRoutes } from './auth-routes';
import { createAuthService } from './auth-service';
import { createCsrf } from './csrf';
import type { TokenVerifier } from './principal';
import { requireOwner } from './require-owner';
import { deriveSessionSecret } from './session-secret';
import { createSessionTokens, type SessionTokens } from './session-token';
import { createSignInThrottle } from './sign-in-throttle';
import { createSignUpGuard } from './sign-up-guard';
import { createSupabaseVerifier } from './supabase-verifier';

export type { Principal, TokenVerifier } from './principal';
export type { OwnerState } from './require-owner';

/** The admin's authentication, wired from the runtime. */
export interface Auth {
  /** `/api/auth/*` routes. */
  router: Router;
  /** 401 unless signed in; sets `ctx.state.owner`. */
  requireOwner: Middleware;
  /** 403 for cross-site or token-less state-changing requests. */
  csrfGuard: Middleware;
  tokens: SessionTokens;
}

/**
 * Embedded email + password auth. Verifiers are a list so Supabase access tokens (JWKS or
 * the legacy shared secret) can be accepted beside Clara's own session JWT later.
 */
export function createAuth(
  runtime: Pick<Runtime, 'config' | 'db' | 'masterKey'>,
  extraVerifiers: readonly TokenVerifier[] = [],
): Auth {
  const tokens = createSessionTokens({
    secret: deriveSessionSecret(runtime.masterKey, 'session'),
    sessions: {
      create: (userId, expiresAt) => createAuthSession(runtime.db, userId, expiresAt),
      isActive: (sessionId, userId) => isAuthSessionActive(runtime.db, sessionId, userId),
    },
  });
  const csrf = createCsrf(deriveSessionSecret(runtime.masterKey, 'csrf'));
  const publicUrl = runtime.config.publicUrl;
  const publicOrigin = publicUrl ? new URL(publicUrl).origin : undefined;
  const secure = (ctx: Context) => ctx.secure || publicUrl?.startsWith('https:') === true;
  const signUpGuard = createSignUpGuard(runtime.db, {
    ...runtime.config.signup,
    inviteSecret: deriveSessionSecret(runtime.masterKey, 'invite'),
  });
  const service = createAuthService(runtime.db, createSignInThrottle(runtime.db), signUpGuard);
  const csrfGuard = csrf.guard((requestOrigin) =>
    publicOrigin ? [requestOrigin, publicOrigin] : [requestOrigin],
  );
  const supabase = runtime.config.supabase;
  const verifiers = supabase
    ? [createSupabaseVerifier({ url: supabase.url, jwtSecret: supabase.jwtSecret }), ...extraVerifiers]
    : [...extraVerifiers];
  const router = authRoutes({
    service,
    tokens,
    csrf,
    guard: csrfGuard,
    secure,
    verifiers,
    embeddedAccounts: !supabase,
    ...(supabase ? {} : { isServerOwner: (userId: string) => isServerOwner(runtime.db, userId) }),
  });
  // What the admin SPA needs at start to pick its sign-in: public values only (never the JWT secret).
  // `signup_open`: whether a sign-up without an invite can succeed (open, or invite before the
  // first owner), so the admin says "by invitation" before the form rather than after it.
  router.get('/config', async (ctx) => {
    const mode = runtime.config.signup.mode;
    ctx.body = supabase
      ? { auth: 'supabase', supabase: { url: supabase.url, anon_key: supabase.anonKey } }
      : {
          auth: 'embedded',
          signup: mode,
          signup_open: mode === 'open' || (mode === 'invite' && !(await ownerAccountsExist(runtime.db))),
        };
  });
  return { router, requireOwner: requireOwner([tokens, ...verifiers]), csrfGuard, tokens };
}
