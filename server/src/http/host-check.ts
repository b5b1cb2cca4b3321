import { isIP } from 'node:net';
import { ClaraError } from '@clara/core';
import type { Middleware } from 'koa';

/** Liveness and readiness probes answer whatever Host a load balancer or orchestrator sends. */
const probePaths = new Set(['/healthz', '/readyz']);

/** True for an IP literal, `localhost` or a `*.localhost` name (no DNS answer can rebind them). */
export function isLocalHost(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return isIP(name.replace(/^\[(.*)\]$/, '$1')) !== 0 || name === 'localhost' || name.endsWith('.localhost');
}

/**
 * Refuses a request whose Host (X-Forwarded-Host when CLARA_TRUST_PROXY trusts it) Clara does not
 * answer to, against DNS rebinding: a page on `evil.example` whose name is made to resolve to
 * this server would otherwise count as Clara's own origin (the CSRF Origin check, the widget's
 * own-page check). Accepted: an IP literal, `localhost` and `*.localhost` (any port), and
 * CLARA_PUBLIC_URL's host when it is set; anything else is 403 in the error envelope, saying to
 * set CLARA_PUBLIC_URL. A request without a Host (HTTP/1.0, not a browser) and the probes pass.
 */
export function hostCheck(publicUrl: string | undefined): Middleware {
  const publicHost = publicUrl ? new URL(publicUrl).hostname.toLowerCase().replace(/\.$/, '') : undefined;
  return async (ctx, next) => {
    const hostname = ctx.hostname.toLowerCase().replace(/\.$/, '');
    if (
      hostname === '' ||
      hostname === publicHost ||
      isLocalHost(hostname) ||
      probePaths.has(ctx.path.toLowerCase())
    ) {
      return next();
    }
    throw new ClaraError(
      'forbidden',
      publicHost
        ? `This server answers only to ${publicHost} (CLARA_PUBLIC_URL), localhost and IP addresses, not to the host name this request was sent to.`
        : 'This server answers only to localhost and IP addresses until CLARA_PUBLIC_URL is set: set it to the URL visitors reach Clara at (e.g. CLARA_PUBLIC_URL=https://clara.example.com).',
    );
  };
}
