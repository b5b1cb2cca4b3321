import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ClaraError } from '@clara/core';
import type { Middleware } from 'koa';
import { csrfCookie, readCookie, sessionCookie } from './cookies';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface Csrf {
  /** A fresh token: `nonce.hmac(nonce)`, base64url. */
  issue(): string;
  /** True when the token is one this server issued. */
  isValid(token: string): boolean;
  /**
   * Rejects state-changing requests (403) unless the Origin, when sent, is this server's and
   * the `X-CSRF-Token` header equals the `clara_csrf` cookie (signed double submit). Requests
   * authenticated only by an Authorization header carry no ambient credential and pass.
   */
  guard(allowedOrigins: (requestOrigin: string) => string[]): Middleware;
}

/** Signed double-submit CSRF protection plus a strict Origin check. */
export function createCsrf(secret: Uint8Array): Csrf {
  const mac = (nonce: string) => createHmac('sha256', secret).update(`csrf:${nonce}`).digest('base64url');
  const isValid = (token: string) => {
    const [nonce, sig] = token.split('.');
    if (!nonce || !sig || token.length > 200) return false;
    const expected = Buffer.from(mac(nonce));
    const actual = Buffer.from(sig);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  };
  return {
    issue() {
      const nonce = randomBytes(18).toString('base64url');
      return `${nonce}.${mac(nonce)}`;
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
        if (!same || !isValid(header)) {
          throw new ClaraError('forbidden', 'Missing or invalid CSRF token: reload the page and try again.');
        }
        await next();
      };
    },
  };
}
