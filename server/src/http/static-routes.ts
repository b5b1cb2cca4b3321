import Router from '@koa/router';
import type { Runtime } from '../runtime';

/** Health check and other small fixed routes. */
export function staticRoutes(runtime: Runtime): Router {
  const router = new Router();
  router.get('/health', async (ctx) => {
    await runtime.db.query('SELECT 1');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'ok', database: runtime.db.kind };
  });
  return router;
}
