import { ClaraError } from '@clara/core';
import type { Context } from 'koa';

/**
 * Enforces a workspace's `allowed_origins` on a public API request. An empty list allows any
 * site; a request without `Origin` (server to server, curl) is allowed. A browser request
 * from another site gets 403 `forbidden` with no `Access-Control-Allow-Origin`, so the page
 * cannot read the response either.
 */
export function assertOriginAllowed(ctx: Context, allowed: readonly string[]): void {
  const origin = ctx.get('origin');
  if (!origin || allowed.length === 0 || allowed.includes(origin)) return;
  ctx.remove('Access-Control-Allow-Origin');
  ctx.remove('Access-Control-Expose-Headers');
  throw new ClaraError('forbidden', 'This site is not allowed to use this chat.');
}
