import { ClaraError } from '@clara/core';

/**
 * Enforces a workspace's `allowed_origins` on a public API request. An empty list allows any
 * site; a request without `Origin` (server to server, curl) is allowed. A browser request
 * from another site gets 403 `forbidden`. The refusal itself stays readable (CORS headers as on
 * any public response): it holds no workspace data, and it lets the widget tell the site's
 * owner why nothing shows instead of failing like a network error.
 */
export function assertOriginAllowed(request: Request, allowed: readonly string[]): void {
  const origin = request.headers.get('origin');
  if (!origin || allowed.length === 0 || allowed.includes(origin)) return;
  throw new ClaraError('forbidden', 'This site is not allowed to use this chat.');
}
