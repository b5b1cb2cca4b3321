import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ClaraError } from '@clara/core';
import { updateSettings } from '@clara/supabase';
import Router from '@koa/router';
import { credentialOf } from '../../auth/require-owner';
import type { AdminDeps } from '../deps';
import { ownerRun } from '../owner-scope';
import { assetKinds, contentTypeOfExt, readAssetImage } from './asset-image';
import type { AssetStore } from './asset-store';

/**
 * `PUT /api/admin/settings/assets/avatar|icon` (raw image body): stores the image and writes
 * its public URL into `avatar_url` / `chat_icon_url`. `DELETE` on the same path deletes it and
 * sets the URL to null.
 */
export function registerAssetRoutes(router: Router, deps: AdminDeps, store: AssetStore): void {
  router.put('/settings/assets/:kind', async (ctx) => {
    const kind = ctx.params.kind;
    if (kind !== 'avatar' && kind !== 'icon')
      throw new ClaraError('not_found', 'Upload an avatar or an icon.');
    const image = await readAssetImage(ctx);
    const baseUrl = deps.publicUrl ? new URL(deps.publicUrl).origin : `${ctx.protocol}://${ctx.host}`;
    const run = ownerRun(ctx, deps.db);
    const workspaceId = await run(async (_tx, ws) => ws);
    const url = await store.put({ workspaceId, kind, image, ownerToken: credentialOf(ctx), baseUrl });
    const workspace = await run((tx, ws) => updateSettings(tx, ws, { [assetKinds[kind]]: url }));
    ctx.body = { url, settings: workspace.settings };
  });

  // The image is deleted from storage, not only unlinked: its public URL stops serving it.
  router.delete('/settings/assets/:kind', async (ctx) => {
    const kind = ctx.params.kind;
    if (kind !== 'avatar' && kind !== 'icon')
      throw new ClaraError('not_found', 'Remove an avatar or an icon.');
    const run = ownerRun(ctx, deps.db);
    const workspaceId = await run(async (_tx, ws) => ws);
    // Unlinked first: a failed removal leaves an unused file, never a setting that points at nothing.
    const workspace = await run((tx, ws) => updateSettings(tx, ws, { [assetKinds[kind]]: null }));
    await store.remove({ workspaceId, kind, ownerToken: credentialOf(ctx) });
    ctx.body = { settings: workspace.settings };
  });
}

const fileName = /^(avatar|icon)\.(png|jpg|gif|webp)$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Embedded mode: `GET /assets/{workspace_id}/avatar.png` from the data directory. */
export function assetServeRoutes(dataDir: string): Router {
  const router = new Router();
  router.get('/assets/:workspaceId/:file', async (ctx) => {
    const { workspaceId = '', file = '' } = ctx.params;
    const match = fileName.exec(file);
    if (!uuid.test(workspaceId) || !match) throw new ClaraError('not_found', 'No such asset.');
    const body = await readFile(join(dataDir, 'assets', workspaceId, file)).catch(() => null);
    if (!body) throw new ClaraError('not_found', 'No such asset.');
    ctx.type = contentTypeOfExt[match[2] as string] ?? 'application/octet-stream';
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.set('Cross-Origin-Resource-Policy', 'cross-origin');
    ctx.body = body;
  });
  return router;
}
