import { ClaraError } from '@clara/core';
import type { Middleware } from 'koa';
import { readCookie, sessionCookie } from './cookies';
import type { Principal, TokenVerifier } from './principal';

/** Koa state set by `requireOwner`. */
export interface OwnerState {
  owner: Principal;
}

/** Reads the credential: the session cookie, or an `Authorization: Bearer` token (Supabase later). */
export function credentialOf(ctx: Parameters<Middleware>[0]): string | undefined {
  const bearer = /^Bearer (.+)$/i.exec(ctx.get('authorization'))?.[1];
  return bearer ?? readCookie(ctx, sessionCookie);
}

/** 401 unless a verifier accepts the request's credential; puts the owner in `ctx.state.owner`. */
export function requireOwner(verifiers: readonly TokenVerifier[]): Middleware {
  return async (ctx, next) => {
    const token = credentialOf(ctx);
    let owner: Principal | null = null;
    for (const verifier of token ? verifiers : []) {
      owner = await verifier.verify(token as string);
      if (owner) break;
    }
    if (!owner) throw new ClaraError('unauthorized', 'Sign in to continue.');
    (ctx.state as OwnerState).owner = owner;
    await next();
  };
}
