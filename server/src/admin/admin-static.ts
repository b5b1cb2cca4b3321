import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import type { Middleware } from 'koa';
import { adminDistDir, buildHint } from '../http/built-apps';

const securityHeaders: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
};

/**
 * Serves the admin at `/admin`: hashed assets cached for a year, every other path without
 * a file extension falls back to index.html (client-side routes).
 */
export function adminStatic(
  distDir: string | null = adminDistDir(),
  connectOrigins: string[] = [],
): Middleware {
  const root = distDir ? resolve(distDir) : null;
  // Supabase mode: the SPA talks to Supabase Auth directly, so its origin joins connect-src.
  const headers = Object.entries(securityHeaders).map(([name, value]): [string, string] =>
    name === 'Content-Security-Policy' && connectOrigins.length > 0
      ? [name, value.replace("connect-src 'self'", `connect-src 'self' ${connectOrigins.join(' ')}`)]
      : [name, value],
  );
  return async (ctx, next) => {
    if (ctx.path !== '/admin' && !ctx.path.startsWith('/admin/')) return next();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path === '/admin') return ctx.redirect('/admin/');
    if (!root || !existsSync(join(root, 'index.html'))) {
      ctx.status = 503;
      ctx.type = 'text/plain';
      ctx.body = buildHint.admin;
      return;
    }
    const rel = ctx.path.slice('/admin/'.length);
    const file = resolve(root, rel);
    const inside = file === root || file.startsWith(root + sep);
    const found = inside && rel !== '' && existsSync(file) && statSync(file).isFile();
    if (!found && extname(rel) !== '') return next();
    for (const [name, value] of headers) ctx.set(name, value);
    const target = found ? file : join(root, 'index.html');
    ctx.set(
      'Cache-Control',
      found && rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    ctx.type = extname(target);
    ctx.length = statSync(target).size;
    ctx.body = ctx.method === 'HEAD' ? null : createReadStream(target);
  };
}
