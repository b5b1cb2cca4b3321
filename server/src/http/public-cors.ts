import type { Middleware } from 'koa';

/**
 * CORS for the public API: the widget runs on the owner's site, another origin.
 * Any origin for now; the widget issue restricts it per workspace.
 */
export function publicCors(prefix = '/api/'): Middleware {
  return async (ctx, next) => {
    if (!ctx.path.startsWith(prefix)) return next();
    const origin = ctx.get('origin');
    if (origin) {
      ctx.set('Access-Control-Allow-Origin', origin);
      ctx.set('Vary', 'Origin');
      // Lets the widget read how long to wait after a 429.
      ctx.set('Access-Control-Expose-Headers', 'Retry-After');
    }
    if (ctx.method === 'OPTIONS') {
      ctx.set('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      ctx.set('Access-Control-Allow-Headers', 'Content-Type, Accept');
      ctx.set('Access-Control-Max-Age', '600');
      ctx.status = 204;
      return;
    }
    await next();
  };
}
