import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getWorkspace } from '@clara/supabase';
import Router from '@koa/router';
import { z } from 'zod';
import type { Runtime } from '../runtime';
import { demoBusiness } from './demo-kb';
import { demoMarkdownAsset, demoMarkdownPath } from './demo-markdown-asset';
import { demoPage } from './demo-page';
import { faviconSvg } from './favicon';

function demoWorkspaceId(dataDir: string): string | null {
  const file = join(dataDir, 'demo-login.json');
  if (!existsSync(file)) return null;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { workspace_id?: string }).workspace_id ?? null;
  } catch {
    return null;
  }
}

const uuid = z.uuid();

/** `/` and `/demo`: a minimal chat page on the demo workspace (or `?workspace=ID`). */
export function demoRoutes(runtime: Pick<Runtime, 'config' | 'db'>): Router {
  const router = new Router();
  // Browsers ask for it on every page without a <link rel="icon">: an icon, not a 404.
  router.get('/favicon.ico', (ctx) => {
    ctx.type = 'image/svg+xml';
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.body = faviconSvg;
  });
  router.get('/', (ctx) => {
    ctx.redirect('/demo');
  });
  router.get(demoMarkdownPath, demoMarkdownAsset());
  router.get('/demo', async (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    // Its chat passes any workspace's Allowed sites (Clara's own page): no other site may frame it.
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Content-Security-Policy', "frame-ancestors 'none'");
    const demoId = demoWorkspaceId(runtime.config.dataDir);
    // `?workspace=ID` (Install → Try it now): that workspace's page, titled with its assistant's name.
    const asked = uuid.safeParse(ctx.query.workspace);
    const own = asked.success && asked.data !== demoId ? await getWorkspace(runtime.db, asked.data) : null;
    ctx.body = own
      ? demoPage({
          workspaceId: own.id,
          businessName: own.settings.display_name,
          assistantName: own.settings.display_name,
          placeholder: own.settings.placeholder_text,
          accent: own.settings.primary_color,
        })
      : demoPage({ workspaceId: demoId, businessName: demoBusiness.name });
  });
  return router;
}
