import { ClaraError, withResponseHeaders } from '@clara/core';

/**
 * Enforces a workspace's `allowed_origins` on a public API request. An empty list allows any
 * site; a request without `Origin` (server to server, curl) is allowed. A browser request
 * from another site gets 403 `forbidden` with no `Access-Control-Allow-Origin`, so the page
 * cannot read the response either.
 */
export function assertOriginAllowed(request: Request, allowed: readonly string[]): void {
  const origin = request.headers.get('origin');
  if (!origin || allowed.length === 0 || allowed.includes(origin)) return;
  throw withResponseHeaders(new ClaraError('forbidden', 'This site is not allowed to use this chat.'), {
    'Access-Control-Allow-Origin': null,
    'Access-Control-Expose-Headers': null,
  });
}
