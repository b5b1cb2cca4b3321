import type Koa from 'koa';
import { createAuth } from '../auth';
import { allowedMethodsOf } from '../http/allowed-methods';
import type { Runtime } from '../runtime';
import { createAdminRouter } from './admin-router';
import { adminStatic } from './admin-static';
import { assetServeRoutes, registerAssetRoutes } from './assets/asset-routes';
import { createFileAssetStore, createSupabaseAssetStore } from './assets/asset-store';
import type { RuntimeAdminDeps } from './runtime-deps';
import { registerRuntimeRoutes } from './runtime-routes';

/** Mounts the owners' side: `/api/auth`, `/api/admin` and the admin SPA at `/admin`, with the admin's deps built once by `createApp`. */
export function mountAdmin(
  app: Koa,
  runtime: Pick<Runtime, 'config' | 'db' | 'masterKey' | 'store'>,
  deps: RuntimeAdminDeps,
): void {
  const auth = createAuth(runtime);
  app.use(auth.router.routes());
  app.use(allowedMethodsOf(auth.router));
  const admin = createAdminRouter(deps, auth);
  const supabase = runtime.config.supabase;
  const assets = supabase
    ? createSupabaseAssetStore({ url: supabase.url, anonKey: supabase.anonKey, logger: deps.logger })
    : createFileAssetStore(runtime.config.dataDir);
  registerAssetRoutes(admin, deps, assets);
  // API keys, channels and transcript extraction (they need the vault and the model cache).
  registerRuntimeRoutes(admin, deps, runtime.store);
  if (!supabase) app.use(assetServeRoutes(runtime.config.dataDir).routes());
  app.use(admin.routes());
  app.use(allowedMethodsOf(admin));
  app.use(adminStatic(undefined, supabase ? [new URL(supabase.url).origin] : []));
}
