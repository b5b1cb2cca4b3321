import { ClaraError } from '@clara/core';

/**
 * Enforces a workspace's `allowed_origins` on a public API request. An empty list allows any
 * site; a request without `Origin` (server to server, curl) or from a page of Clara's own host
 * (Try it now) is allowed. A browser request
 * from another site gets 403 `forbidden`. The refusal itself stays readable (CORS headers as on
 * any public response): it holds no workspace data, and it lets the widget tell the site's
 * owner why nothing shows instead of failing like a network error.
 */
export function assertOriginAllowed(request: Request, allowed: readonly string[]): void {
  const origin = request.headers.get('origin');
  if (!origin || allowed.length === 0 || allowed.includes(origin)) return;
  if (fromClarasOwnPage(origin, request.headers.get('host'))) return;
  throw new ClaraError('forbidden', 'This site is not allowed to use this chat.');
}

/**
 * A page Clara serves itself (Try it now, the admin): the browser sent an `Origin` on the host
 * the request was sent to. A browser sets `Host` itself, so another site cannot pass for it; a
 * client that is not a browser can send any headers anyway (and may omit `Origin`).
 */
function fromClarasOwnPage(origin: string, host: string | null): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host === new URL(`http://${host}`).host;
  } catch {
    return false;
  }
}
