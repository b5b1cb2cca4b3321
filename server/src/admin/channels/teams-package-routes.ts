import { teamsAppPackage } from '@clara/channel-teams';
import { ClaraError } from '@clara/core';
import { getWorkspace, listChannelConnections } from '@clara/supabase';
import { z } from 'zod';
import { validate } from '../../http/validated-body';
import { ownerRun } from '../owner-scope';
import type { RegisterRuntimeRoutes } from '../runtime-deps';

const packageQuerySchema = z.object({
  /** Which connected bot the package is for, when the workspace has several. */
  app_id: z.guid('app_id must be a connected bot’s Microsoft App ID').optional(),
});

/** A file name from the assistant's name: letters, digits and dashes. */
const fileNameOf = (name: string) =>
  `${
    name
      .normalize('NFD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/[\s_]+/g, '-')
      .toLowerCase()
      .slice(0, 40) || 'clara'
  }-teams-app.zip`;

/**
 * `GET /api/admin/channels/teams/app-package`: the workspace's Teams app package (manifest.json,
 * color.png, outline.png), made for one of its Teams bots (the environment's bot or a connected
 * one; `?app_id=` picks among several) and the server's public https URL, from the workspace's
 * settings (name, welcome, brand colour, suggested questions). 409 without a bot or without https.
 */
export const registerTeamsPackageRoute: RegisterRuntimeRoutes = (router, { db, config, publicUrl }) => {
  router.get('/channels/teams/app-package', async (ctx) => {
    const query = validate(packageQuerySchema, ctx.query);
    const { workspace, connected } = await ownerRun(
      ctx,
      db,
    )(async (tx, ws) => ({
      workspace: await getWorkspace(tx, ws),
      connected: await listChannelConnections(tx, 'teams', { workspaceId: ws }),
    }));
    if (!workspace) throw new ClaraError('workspace_not_found', 'The workspace no longer exists.');
    const bots = connected.map((row) => row.external_id);
    if (config.teams.appId && config.teams.workspaceId === workspace.id) bots.unshift(config.teams.appId);
    const botId = query.app_id
      ? bots.find((id) => id.toLowerCase() === query.app_id?.toLowerCase())
      : bots.at(-1);
    if (!botId) {
      throw new ClaraError(
        query.app_id ? 'not_found' : 'conflict',
        query.app_id
          ? 'No active Teams bot of this workspace has this app id.'
          : 'Connect a Teams bot first: the app package names its Microsoft App ID.',
      );
    }
    const origin = publicUrl ? new URL(publicUrl).origin : `${ctx.protocol}://${ctx.host}`;
    if (!origin.startsWith('https://')) {
      throw new ClaraError(
        'conflict',
        'Teams reaches Clara only over https: set CLARA_PUBLIC_URL to Clara’s https address first.',
      );
    }
    const { settings } = workspace;
    const zip = teamsAppPackage({
      botId,
      publicUrl: origin,
      displayName: settings.display_name,
      workspaceName: workspace.name,
      welcomeMessage: settings.welcome_message,
      accentColor: settings.primary_color,
      suggestedQuestions: settings.suggested_messages,
    });
    ctx.set('Content-Disposition', `attachment; filename="${fileNameOf(settings.display_name)}"`);
    ctx.type = 'application/zip';
    ctx.body = zip;
  });
};
