import { originMatches } from '@clara/contract';
import { ClaraError } from '@clara/core';

/**
 * Enforces a workspace's `allowed_origins` on a public API request. An empty list allows any
 * site; an entry `https://*.shop.example` allows the subdomains of shop.example (same scheme and
 * port, not shop.example itself). A request without `Origin` (server to server, curl) or from a
 * page of Clara's own (Try it now) is allowed. A browser request from another site gets 403
 * `forbidden`. The refusal itself stays readable (CORS headers as on
 * any public response): it holds no workspace data, and it lets the widget tell the site's
 * owner why nothing shows instead of failing like a network error.
 */
export function assertOriginAllowed(
  request: Request,
  allowed: readonly string[],
  ownOrigin: string | null = null,
): void {
  const origin = request.headers.get('origin');
  if (!origin || allowed.length === 0 || allowed.some((entry) => originMatches(entry, origin))) return;
  if (fromClarasOwnPage(origin, ownOrigin, request.headers.get('host'))) return;
  throw new ClaraError('forbidden', 'This site is not allowed to use this chat.');
}

/**
 * A page Clara serves itself (Try it now): its `Origin` is Clara's public origin (scheme, host and
 * port of `CLARA_PUBLIC_URL`) when one is configured, else (embedded, on this machine) the host
 * the request was sent to. Those pages cannot be framed by another site (`/demo` sends
 * `frame-ancestors 'none'`), so another site cannot borrow their origin.
 */
function fromClarasOwnPage(origin: string, ownOrigin: string | null, host: string | null): boolean {
  if (ownOrigin) return origin === ownOrigin;
  if (!host) return false;
  try {
    return new URL(origin).host === new URL(`http://${host}`).host;
  } catch {
    return false;
  }
}
