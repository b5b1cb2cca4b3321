import { problemsMessage, type SettingsResponse, settingsProblems } from '@clara/contract';
import { ClaraError } from '@clara/core';
import { getWorkspace, renameWorkspace, updateSettings } from '@clara/supabase';
import { z } from 'zod';
import { readJsonBody } from '../../http/read-json-body';
import { wire } from '../../http/wire';
import type { RegisterRoutes } from '../deps';
import { ownerRun } from '../owner-scope';
import { settingsPatchSchema } from './settings-schemas';

/** Workspace settings (the seed's settings JSON) and name. */
export const registerSettingsRoutes: RegisterRoutes = (router, { db }) => {
  router.get('/settings', async (ctx) => {
    const workspace = await ownerRun(ctx, db)((tx, ws) => getWorkspace(tx, ws));
    if (!workspace) throw new ClaraError('workspace_not_found', 'No workspace.');
    ctx.body = wire<SettingsResponse>()({
      workspace: { id: workspace.id, name: workspace.name },
      settings: workspace.settings,
    });
  });

  router.patch('/settings', async (ctx) => {
    const raw = await readJsonBody(ctx, { limit: 64 * 1024 });
    const parsed = z.safeParse(settingsPatchSchema, raw);
    if (!parsed.success) {
      // Each problem under the field's own name for the form ("Bot name: Give Clara a name.").
      const fields = settingsProblems(parsed.error.issues, raw);
      throw new ClaraError('validation_failed', problemsMessage(fields), {
        details: parsed.error.issues,
        fields,
      });
    }
    const body = parsed.data;
    const workspace = await ownerRun(
      ctx,
      db,
    )(async (tx, ws) => {
      if (body.name) await renameWorkspace(tx, ws, body.name);
      return updateSettings(tx, ws, body.settings ?? {});
    });
    ctx.body = wire<SettingsResponse>()({
      workspace: { id: workspace.id, name: workspace.name },
      settings: workspace.settings,
    });
  });
};
