import { pingDatabase } from '@clara/supabase';
import Router from '@koa/router';
import type { Runtime } from '../runtime';
import { statusOf } from './error-handler';
import { checkReadiness } from './readiness';

/** Health checks and other small fixed routes. */
export function staticRoutes(runtime: Pick<Runtime, 'db' | 'lifecycle' | 'logger'>): Router {
  const router = new Router();
  let wasReady: boolean | undefined;

  router.get('/health', async (ctx) => {
    await pingDatabase(runtime.db);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'ok', database: runtime.db.kind };
  });

  // Liveness: the process is up and serving. Never touches the database.
  router.get('/healthz', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'ok' };
  });

  // Readiness: send traffic here. 503 while the database is unreachable, migrations are
  // pending, or the process is shutting down; answered here, not thrown, so a failing probe
  // is not logged as a failed request every few seconds (only changes are logged).
  router.get('/readyz', async (ctx) => {
    const readiness = await checkReadiness(runtime);
    ctx.set('Cache-Control', 'no-store');
    if (readiness.ready !== wasReady) {
      if (readiness.ready) runtime.logger.info('ready');
      else runtime.logger.warn({ reason: readiness.reason }, `not ready: ${readiness.message}`);
      wasReady = readiness.ready;
    }
    if (readiness.ready) {
      ctx.body = { status: 'ready', database: runtime.db.kind };
      return;
    }
    ctx.status = statusOf.unavailable;
    ctx.set('Retry-After', '5');
    ctx.body = { error: { code: 'unavailable', message: readiness.message } };
  });
  return router;
}
