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

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c);

/** The refusal as a small self-contained page (no external assets) for a browser's navigation. */
function refusalPage(message: string, port: string | undefined): string {
  const local = `http://127.0.0.1${port ? `:${port}` : ''}/admin`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Clara: host name not allowed</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#222}code{background:#f3f3f3;padding:0 .2em}</style>
</head><body><h1>This host name is not allowed</h1><p>${escapeHtml(message)}</p>
<p>On the server itself, open <code>${local}</code>; from another computer, use the server's IP address.</p></body></html>
`;
}

/**
 * Refuses a request whose Host (X-Forwarded-Host when CLARA_TRUST_PROXY trusts it) Clara does not
 * answer to, against DNS rebinding: a page on `evil.example` whose name is made to resolve to
 * this server would otherwise count as Clara's own origin (the CSRF Origin check, the widget's
 * own-page check). Accepted: an IP literal, `localhost` and `*.localhost` (any port), and
 * CLARA_PUBLIC_URL's host when it is set; anything else is 403 in the error envelope, saying to
 * set CLARA_PUBLIC_URL (a browser's GET/HEAD navigation, Accept text/html, gets the same message
 * as a small HTML page). A request without a Host (HTTP/1.0, not a browser) and the probes pass.
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
    const message = publicHost
      ? `This server answers only to ${publicHost} (CLARA_PUBLIC_URL), localhost and IP addresses, not to the host name this request was sent to.`
      : 'This server answers only to localhost and IP addresses until CLARA_PUBLIC_URL is set: set it to the URL visitors reach Clara at (e.g. CLARA_PUBLIC_URL=https://clara.example.com).';
    if ((ctx.method === 'GET' || ctx.method === 'HEAD') && /\btext\/html\b/i.test(ctx.get('accept'))) {
      // A browser opening a page (the admin by a LAN name, say) gets the reason as a page.
      ctx.status = 403;
      ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.set('Cache-Control', 'no-store');
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = refusalPage(message, /:(\d{1,5})$/.exec(ctx.host)?.[1]);
      return;
    }
    throw new ClaraError('forbidden', message);
  };
}
