import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ClaraError } from '@clara/core';
import type { Middleware } from 'koa';
import { csrfCookie, readCookie, sessionCookie } from './cookies';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface Csrf {
  /**
   * A fresh token for the session whose `clara_session` cookie is `session` (undefined: signed
   * out): `nonce.hmac(session digest, nonce)`, base64url.
   */
  issue(session: string | undefined): string;
  /** True when the token is one this server issued for this session (undefined: signed out). */
  isValid(token: string, session: string | undefined): boolean;
  /**
   * Rejects state-changing requests (403) unless the Origin, when sent, is this server's and
   * the `X-CSRF-Token` header equals the `clara_csrf` cookie (signed double submit) and was
   * issued for the request's `clara_session` cookie: another session's token is refused.
   * Requests authenticated only by an Authorization header carry no ambient credential and pass.
   */
  guard(allowedOrigins: (requestOrigin: string) => string[]): Middleware;
}

/** Signed double-submit CSRF protection, bound to the session, plus a strict Origin check. */
export function createCsrf(secret: Uint8Array): Csrf {
  // The token's HMAC covers a digest of the session cookie, so a token minted for one session
  // (another user's, or the signed-out page's) fails for every other.
  const bindingOf = (session: string | undefined) =>
    createHash('sha256')
      .update(`session:${session ?? ''}`)
      .digest('base64url');
  const mac = (nonce: string, session: string | undefined) =>
    createHmac('sha256', secret)
      .update(`csrf:${bindingOf(session)}:${nonce}`)
      .digest('base64url');
  const isValid = (token: string, session: string | undefined) => {
    const [nonce, sig] = token.split('.');
    if (!nonce || !sig || token.length > 200) return false;
    const expected = Buffer.from(mac(nonce, session));
    const actual = Buffer.from(sig);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  };
  return {
    issue(session) {
      const nonce = randomBytes(18).toString('base64url');
      return `${nonce}.${mac(nonce, session)}`;
    },
    isValid,
    guard(allowedOrigins) {
      return async (ctx, next) => {
        if (safeMethods.has(ctx.method)) return next();
        const bearerOnly = /^Bearer /i.test(ctx.get('authorization')) && !readCookie(ctx, sessionCookie);
        if (bearerOnly) return next();
        const origin = ctx.get('origin');
        if (origin && !allowedOrigins(`${ctx.protocol}://${ctx.host}`).includes(origin)) {
          throw new ClaraError('forbidden', 'Cross-site request refused (Origin does not match).');
        }
        const header = ctx.get('x-csrf-token');
        const cookie = readCookie(ctx, csrfCookie);
        const same =
          header !== '' &&
          cookie !== undefined &&
          header.length === cookie.length &&
          timingSafeEqual(Buffer.from(header), Buffer.from(cookie));
        if (!same || !isValid(header, readCookie(ctx, sessionCookie))) {
          throw new ClaraError('forbidden', 'Missing or invalid CSRF token: reload the page and try again.');
        }
        await next();
      };
    },
  };
}
