import type { Middleware } from 'koa';
import type { Logger } from '../logger';

// Load balancers poll these every few seconds: their lines are debug, not info.
const probePaths = new Set(['/health', '/healthz', '/readyz']);

/**
 * One log line per request: method, path (no query string: it may hold tokens), status,
 * duration; the `request_id` comes from the logger. Info level, debug for health probes.
 */
export function requestLog(logger: Logger): Middleware {
  return async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const level = probePaths.has(ctx.path) ? 'debug' : 'info';
      logger[level](
        {
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    }
  };
}
