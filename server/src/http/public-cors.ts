import type { Middleware } from 'koa';

/** Same-origin only: the admin app and its sign-in are served by this server, never by another site. */
const sameOriginPrefixes = ['/api/admin/', '/api/auth/'];

/**
 * CORS for the public API: the widget runs on the owner's site, another origin. Any origin may
 * read it here; each route then refuses a site the workspace's Allowed sites leave out. The
 * admin and sign-in APIs send no CORS headers (another site may not read them).
 */
export function publicCors(prefix = '/api/'): Middleware {
  return async (ctx, next) => {
    if (!ctx.path.startsWith(prefix)) return next();
    // The router matches paths whatever their case, so this check does too.
    const path = ctx.path.toLowerCase();
    if (sameOriginPrefixes.some((p) => path.startsWith(p) || `${path}/` === p)) return next();
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
