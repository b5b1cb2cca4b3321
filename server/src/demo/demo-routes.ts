import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Router from '@koa/router';
import type { Runtime } from '../runtime';
import { demoBusiness } from './demo-kb';
import { demoPage } from './demo-page';

function demoWorkspaceId(dataDir: string): string | null {
  const file = join(dataDir, 'demo-login.json');
  if (!existsSync(file)) return null;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { workspace_id?: string }).workspace_id ?? null;
  } catch {
    return null;
  }
}

/** `/` and `/demo`: a minimal chat page on the demo workspace (or `?workspace=ID`). */
export function demoRoutes(runtime: Runtime): Router {
  const router = new Router();
  router.get('/', (ctx) => {
    ctx.redirect('/demo');
  });
  router.get('/demo', (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = demoPage({
      workspaceId: demoWorkspaceId(runtime.config.dataDir),
      businessName: demoBusiness.name,
    });
  });
  return router;
}
