import type { Middleware } from 'koa';
import type { DiskSpace } from './disk-space';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Koa middleware: a request that may write (any method but GET, HEAD and OPTIONS under `/api/`:
 * chat turns, imports, reindex, transcript extraction, every admin edit) is refused with 507
 * `insufficient_storage` while the embedded data folder is below its free-space margin. Reads,
 * /healthz and the admin app keep working, so the owner can see what is wrong.
 */
export function diskSpaceGuard(disk: Pick<DiskSpace, 'assertRoom'>): Middleware {
  return async (ctx, next) => {
    if (!safeMethods.has(ctx.method) && ctx.path.startsWith('/api/')) await disk.assertRoom();
    await next();
  };
}
