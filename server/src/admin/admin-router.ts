import { getWorkspace } from '@clara/supabase';
import Router from '@koa/router';
import type { Auth } from '../auth';
import { registerConversationDataRoutes } from './conversations/conversation-data-routes';
import { registerConversationRoutes } from './conversations/conversation-routes';
import type { AdminDeps } from './deps';
import { registerGapRoutes } from './gaps/gap-routes';
import { registerPhrasingRoutes } from './gaps/phrasing-routes';
import { registerImportRoutes } from './knowledge/import-routes';
import { registerKnowledgeRoutes } from './knowledge/knowledge-routes';
import { registerOverviewRoutes } from './overview/overview-routes';
import { ownerRun } from './owner-scope';
import { registerSettingsRoutes } from './settings/settings-routes';

/** `/api/admin/*`: signed-in owners only, CSRF-checked, every query through the RLS path. */
export function createAdminRouter(deps: AdminDeps, auth: Pick<Auth, 'requireOwner' | 'csrfGuard'>): Router {
  const router = new Router({ prefix: '/api/admin' });
  router.use(async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    await next();
  });
  router.use(auth.requireOwner);
  router.use(auth.csrfGuard);

  router.get('/workspace', async (ctx) => {
    const workspace = await ownerRun(
      ctx,
      deps.db,
    )(async (tx, ws) => {
      const found = await getWorkspace(tx, ws);
      return found ? { id: found.id, name: found.name } : undefined;
    });
    ctx.body = {
      workspace,
      widget_origin: deps.publicUrl ? new URL(deps.publicUrl).origin : `${ctx.protocol}://${ctx.host}`,
    };
  });
  registerOverviewRoutes(router, deps);
  // Import/export before the knowledge routes: `/knowledge/export.csv` is not a `/knowledge/:id`.
  registerImportRoutes(router, deps);
  registerKnowledgeRoutes(router, deps);
  registerGapRoutes(router, deps);
  registerPhrasingRoutes(router, deps);
  registerConversationDataRoutes(router, deps);
  registerConversationRoutes(router, deps);
  registerSettingsRoutes(router, deps);
  return router;
}
