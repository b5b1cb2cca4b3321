import type { Context } from 'koa';

/** The httpOnly cookie holding the session JWT. */
export const sessionCookie = 'clara_session';
/** The readable cookie holding the CSRF token the SPA echoes in `X-CSRF-Token`. */
export const csrfCookie = 'clara_csrf';

export interface CookieOptions {
  httpOnly: boolean;
  maxAgeSeconds: number;
  /** Secure when Clara is served over HTTPS (directly or per CLARA_PUBLIC_URL). */
  secure: boolean;
}

/**
 * Appends a SameSite=Lax cookie. Written by hand rather than with ctx.cookies so a Secure
 * cookie can be set behind a TLS-terminating proxy (Koa refuses when it sees plain HTTP).
 */
export function setCookie(ctx: Context, name: string, value: string, options: CookieOptions): void {
  const parts = [`${name}=${value}`, 'Path=/', `Max-Age=${options.maxAgeSeconds}`, 'SameSite=Lax'];
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  ctx.append('Set-Cookie', parts.join('; '));
}

/** Expires a cookie now. */
export function clearCookie(
  ctx: Context,
  name: string,
  options: Pick<CookieOptions, 'secure' | 'httpOnly'>,
): void {
  setCookie(ctx, name, '', { ...options, maxAgeSeconds: 0 });
}

/** Reads a cookie value (tokens are base64url, so no decoding is needed). */
export function readCookie(ctx: Context, name: string): string | undefined {
  return ctx.cookies.get(name) || undefined;
}
