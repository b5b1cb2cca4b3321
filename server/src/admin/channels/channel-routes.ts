import { slackManifest, slackOAuthCallbackPath, verifySlackBotToken } from '@clara/channel-slack';
import {
  type ChannelsOverview,
  type ConnectionResponse,
  connectSlackSchema,
  connectTeamsSchema,
} from '@clara/contract';
import { ClaraError } from '@clara/core';
import {
  type ChannelConnectionRow,
  deleteChannelConnection,
  getWorkspace,
  listChannelConnectionMoves,
  listChannelConnections,
  setChannelConnectionActive,
  upsertChannelConnection,
} from '@clara/supabase';
import type { Context } from 'koa';
import { encryptSlackCredentials } from '../../channels/slack-connections';
import { teamsCredentialsSchema } from '../../channels/teams-bots';
import { verifyTeamsOwnership } from '../../channels/verify-connection';
import { validatedBody } from '../../http/validated-body';
import { wire } from '../../http/wire';
import { encryptKey } from '../../vault';
import { ownerRun } from '../owner-scope';
import { idParam } from '../params';
import type { RegisterRuntimeRoutes } from '../runtime-deps';
import { registerChannelMoveRoutes } from './channel-move-routes';
import { registerTeamsPackageRoute } from './teams-package-routes';

type IdContext = Context & { params: Record<string, string> };

/** A connection as the owner sees it: never its credentials. */
const shown = (
  row: Pick<ChannelConnectionRow, 'id' | 'channel' | 'external_id' | 'label' | 'is_active' | 'created_at'>,
) => ({
  id: row.id,
  channel: row.channel,
  external_id: row.external_id,
  label: row.label,
  is_active: row.is_active,
  created_at: row.created_at,
});

/**
 * Connects through the owner's RLS path; when the Slack team or Teams app id is connected to
 * another workspace (its row is invisible under RLS, so the upsert's update fails the policy,
 * 42501), the caller has just proved it holds the app's credentials, so the connection moves
 * to the caller's workspace on the service path. Nothing of the other workspace is shown.
 */
async function claimed<T>(owned: () => Promise<T>, proven: () => Promise<T>): Promise<T> {
  try {
    return await owned();
  } catch (error) {
    if ((error as { code?: unknown }).code === '42501') return proven();
    throw error;
  }
}

/** Channels: Slack apps and Teams bots connected to the workspace, the Slack manifest and the endpoints. */
export const registerChannelRoutes: RegisterRuntimeRoutes = (router, deps) => {
  const { db, masterKey, config, publicUrl } = deps;
  // The Teams app package to upload in Teams (its own file).
  registerTeamsPackageRoute(router, deps);
  // Connections another Clara account took: dismissing their notices (its own file).
  registerChannelMoveRoutes(router, deps);

  router.get('/channels', async (ctx) => {
    const { rows, moves, workspaceId, botName } = await ownerRun(
      ctx,
      db,
    )(async (tx, ws) => ({
      workspaceId: ws,
      rows: [
        ...(await listChannelConnections(tx, 'slack', { workspaceId: ws, includeInactive: true })),
        ...(await listChannelConnections(tx, 'teams', { workspaceId: ws, includeInactive: true })),
      ],
      // Taken by another Clara account: what it was here, and when; never who took it.
      moves: await listChannelConnectionMoves(tx, ws),
      // The manifest names the app as the owner named the assistant (as the Teams package does).
      botName: (await getWorkspace(tx, ws))?.settings.display_name,
    }));
    const origin = publicUrl ? new URL(publicUrl).origin : `${ctx.protocol}://${ctx.host}`;
    const teamsEnv = config.teams;
    ctx.body = wire<ChannelsOverview>()({
      connections: rows.map(shown),
      moved_away: moves.map((m) => ({
        id: m.id,
        channel: m.channel,
        external_id: m.external_id,
        label: m.label,
        moved_at: m.moved_at,
      })),
      origin,
      https: origin.startsWith('https://'),
      slack: {
        events_url: `${origin}/slack/events`,
        manifest: slackManifest(origin, botName?.trim() || undefined),
        env_app: {
          configured: Boolean(config.slack.app),
          this_workspace: config.slack.app?.workspaceId === workspaceId,
        },
        oauth: {
          configured: Boolean(config.slack.oauth),
          redirect_url: `${origin}${slackOAuthCallbackPath}`,
        },
      },
      teams: {
        messaging_endpoint: `${origin}/teams/messages`,
        env_bot: {
          configured: Boolean(teamsEnv.appId),
          this_workspace: Boolean(teamsEnv.appId) && teamsEnv.workspaceId === workspaceId,
          // TEAMS_WORKSPACE_ID without an app id: unauthenticated Bot Framework Emulator mode.
          emulator: !teamsEnv.appId && teamsEnv.workspaceId === workspaceId,
        },
      },
    });
  });

  router.post('/channels/slack', async (ctx) => {
    const body = await validatedBody(ctx, connectSlackSchema, 16 * 1024);
    // Proof first: auth.test on the bot token must name this team (or Grid org).
    await verifySlackBotToken({
      botToken: body.bot_token,
      claimedId: body.team_id,
      apiUrl: config.slack.apiUrl,
    });
    const sealed = encryptSlackCredentials(
      { bot_token: body.bot_token, signing_secret: body.signing_secret },
      masterKey,
    );
    const input = (workspaceId: string) => ({
      workspaceId,
      channel: 'slack' as const,
      externalId: body.team_id,
      encryptedCredentials: sealed,
      label: body.label || undefined,
    });
    const row = await claimed(
      () => ownerRun(ctx, db)((tx, ws) => upsertChannelConnection(tx, input(ws))),
      async () => upsertChannelConnection(db, input(await ownerRun(ctx, db)(async (_tx, ws) => ws))),
    );
    ctx.status = 201;
    ctx.body = wire<ConnectionResponse>()({ connection: shown(row) });
  });

  router.post('/channels/teams', async (ctx) => {
    const body = await validatedBody(ctx, connectTeamsSchema, 16 * 1024);
    const credentials = teamsCredentialsSchema.parse({
      app_password: body.app_password,
      tenant_id: body.tenant_id,
      app_type: body.app_type,
    });
    // Proof first: the login endpoint must issue this app id a token with these credentials.
    await verifyTeamsOwnership(
      {
        appId: body.app_id,
        workspaceId: '',
        appPassword: credentials.app_password,
        tenantId: credentials.tenant_id,
        appType: credentials.app_type,
      },
      config.teams,
    );
    const sealed = encryptKey(JSON.stringify(credentials), masterKey);
    const input = (workspaceId: string) => ({
      workspaceId,
      channel: 'teams' as const,
      externalId: body.app_id,
      encryptedCredentials: sealed,
      label: body.label || undefined,
    });
    const connect = async (sql: Parameters<typeof upsertChannelConnection>[0], ws: string) => {
      const { id } = await upsertChannelConnection(sql, input(ws));
      const rows = await listChannelConnections(sql, 'teams', { workspaceId: ws, includeInactive: true });
      return rows.find((r) => r.id === id);
    };
    const row = await claimed(
      () => ownerRun(ctx, db)((tx, ws) => connect(tx, ws)),
      async () => connect(db, await ownerRun(ctx, db)(async (_tx, ws) => ws)),
    );
    if (!row) throw new ClaraError('internal', 'The Teams bot was not stored.');
    ctx.status = 201;
    ctx.body = wire<ConnectionResponse>()({ connection: shown(row) });
  });

  const setActive = (active: boolean) => async (ctx: IdContext) => {
    const id = idParam(ctx.params.id, 'connection');
    const found = await ownerRun(ctx, db)((tx, ws) => setChannelConnectionActive(tx, ws, id, active));
    if (!found) throw new ClaraError('not_found', 'No channel connection has this id.');
    ctx.body = { id, is_active: active };
  };
  router.post('/channels/:id/activate', setActive(true));
  router.post('/channels/:id/deactivate', setActive(false));

  router.delete('/channels/:id', async (ctx) => {
    const id = idParam(ctx.params.id, 'connection');
    const found = await ownerRun(ctx, db)((tx, ws) => deleteChannelConnection(tx, ws, id));
    if (!found) throw new ClaraError('not_found', 'No channel connection has this id.');
    ctx.body = { deleted: id };
  });
};
