import { createWebChannel } from '@clara/channel-web';
import { recordFeedback } from '@clara/supabase';
import Koa from 'koa';
import { mountAdmin } from './admin';
import { adminDepsOf } from './admin/runtime-deps';
import { mountChannels } from './channels';
import { demoRoutes } from './demo/demo-routes';
import { describeError, errorHandler } from './http/error-handler';
import { hostCheck } from './http/host-check';
import { mountChannel } from './http/mount-channel';
import { publicCors } from './http/public-cors';
import { readRateLimitFor } from './http/rate-limit';
import { requestId } from './http/request-id';
import { requestLog } from './http/request-log';
import { chatRateLimitFor } from './http/shared-rate-limit';
import { staticRoutes } from './http/static-routes';
import { createTurnAdmission } from './http/turn-admission';
import { widgetRoutes } from './http/widget-asset';
import type { Runtime } from './runtime';
import { diskSpaceGuard } from './storage/disk-space-guard';

/** Composes the Koa app: error mapping, the public chat API, static assets and the demo. */
export function createApp(runtime: Runtime): Koa {
  // CLARA_TRUST_PROXY: X-Forwarded-For gives ctx.ip (the per-IP chat limit), only when trusted;
  // maxIpsCount keeps the addresses the trusted proxies appended (0 = all of them).
  const trust = runtime.config.trustProxy;
  const app = new Koa(trust ? { proxy: true, maxIpsCount: trust.hops } : { proxy: false });
  // Errors are mapped and logged by errorHandler; Koa's own stderr printing would duplicate them.
  app.silent = true;
  // Request id first (every later log line carries it), then the log line, which sees the mapped status.
  app.use(requestId());
  app.use(requestLog(runtime.logger));
  app.use(errorHandler(runtime.logger));
  // DNS rebinding: only CLARA_PUBLIC_URL's host, localhost and IP literals are answered.
  app.use(hostCheck(runtime.config.publicUrl));
  app.use(publicCors('/api/'));
  // Embedded mode: no write is started while the data folder's disk is nearly full (after CORS,
  // so the widget on the owner's site can read the refusal).
  app.use(diskSpaceGuard(runtime.diskSpace));
  const admission = createTurnAdmission(runtime.config.chatAdmission);
  const web = createWebChannel({
    engine: runtime.engine,
    store: runtime.store,
    describeError,
    rateLimit: chatRateLimitFor(runtime),
    readRateLimit: readRateLimitFor(4 * runtime.config.chatRateLimit.perIpPerMinute),
    admit: admission.acquire,
    feedback: (input) => runtime.db.transaction((tx) => recordFeedback(tx, input)),
    ownOrigin: runtime.config.publicUrl ? new URL(runtime.config.publicUrl).origin : null,
  });
  mountChannel(app, web);

  mountChannels(app, runtime);
  // The admin's dependencies, built once here and shared by every admin feature.
  mountAdmin(app, runtime, adminDepsOf(runtime));

  const statics = staticRoutes(runtime);
  app.use(statics.routes());
  app.use(widgetRoutes().routes());
  const demo = demoRoutes(runtime);
  app.use(demo.routes());
  return app;
}
