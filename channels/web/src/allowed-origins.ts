import { originMatches, wildcardDomain } from '@clara/contract';
import { ClaraError } from '@clara/core';
import { getPublicSuffix } from 'tldts';

/**
 * The public suffix a wildcard entry stands over (`github.io` for `https://*.github.io`,
 * `co.uk` for `https://*.co.uk`), or null when the entry is not a wildcard or its domain is a
 * site's own. Public suffixes come from the Public Suffix List bundled in `tldts`, private
 * (multi-tenant) ones included: github.io, myshopify.com, netlify.app, vercel.app, …; their
 * subdomains belong to unrelated owners. `*.localhost` stays allowed (local development).
 */
export function wildcardOverPublicSuffix(entry: string): string | null {
  const domain = wildcardDomain(entry);
  if (!domain?.includes('.')) return null;
  return getPublicSuffix(domain, { allowPrivateDomains: true }) === domain ? domain : null;
}

/**
 * Enforces a workspace's `allowed_origins` on a public API request. An empty list allows any
 * site; an entry `https://*.shop.example` allows the subdomains of shop.example (same scheme and
 * port, not shop.example itself), never those of a public suffix (`https://*.github.io`). A
 * request without `Origin` (server to server, curl) or from a page of Clara's own (Try it now)
 * is allowed. A browser request from another site gets 403
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
  if (!origin || allowed.length === 0 || allowed.some((entry) => entryAllows(entry, origin))) return;
  if (fromClarasOwnPage(origin, ownOrigin, request.headers.get('host'))) return;
  throw new ClaraError('forbidden', 'This site is not allowed to use this chat.');
}

/**
 * One entry against a browser's `Origin`: a wildcard over a public suffix (saved before those were
 * refused) matches only itself, like any entry today's write rule refuses, so it never widens.
 */
function entryAllows(entry: string, origin: string): boolean {
  if (entry === origin) return true;
  return wildcardOverPublicSuffix(entry) === null && originMatches(entry, origin);
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
