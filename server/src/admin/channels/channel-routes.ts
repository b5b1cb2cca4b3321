import { slackManifest } from '@clara/channel-slack';
import { ClaraError } from '@clara/core';
import {
  type ChannelConnectionRow,
  deleteChannelConnection,
  listChannelConnections,
  setChannelConnectionActive,
  upsertChannelConnection,
  upsertTeamsConnection,
} from '@clara/supabase';
import type { Context } from 'koa';
import { encryptSlackCredentials } from '../../channels/slack-connections';
import { teamsCredentialsSchema } from '../../channels/teams-bots';
import { validatedBody } from '../../http/validated-body';
import { encryptKey } from '../../vault';
import { ownerRun } from '../owner-scope';
import { idParam } from '../params';
import type { RegisterRuntimeRoutes } from '../runtime-deps';
import { connectSlackSchema, connectTeamsSchema } from './channel-schemas';

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
 * The Slack team or Teams app id is connected to another workspace: under RLS its row is
 * invisible, so the upsert's update path fails the policy (42501). Nothing of theirs is shown.
 */
async function claimed<T>(work: Promise<T>, what: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if ((error as { code?: unknown }).code === '42501')
      throw new ClaraError('conflict', `This ${what} is already connected to another Clara workspace.`);
    throw error;
  }
}

/** Channels: Slack apps and Teams bots connected to the workspace, the Slack manifest and the endpoints. */
export const registerChannelRoutes: RegisterRuntimeRoutes = (
  router,
  { db, masterKey, config, publicUrl },
) => {
  router.get('/channels', async (ctx) => {
    const { rows, workspaceId } = await ownerRun(
      ctx,
      db,
    )(async (tx, ws) => ({
      workspaceId: ws,
      rows: [
        ...(await listChannelConnections(tx, 'slack', { workspaceId: ws, includeInactive: true })),
        ...(await listChannelConnections(tx, 'teams', { workspaceId: ws, includeInactive: true })),
      ],
    }));
    const origin = publicUrl ? new URL(publicUrl).origin : `${ctx.protocol}://${ctx.host}`;
    const teamsEnv = config.teams;
    ctx.body = {
      connections: rows.map(shown),
      origin,
      https: origin.startsWith('https://'),
      slack: {
        events_url: `${origin}/slack/events`,
        manifest: slackManifest(origin),
        env_app: {
          configured: Boolean(config.slack.app),
          this_workspace: config.slack.app?.workspaceId === workspaceId,
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
    };
  });

  router.post('/channels/slack', async (ctx) => {
    const body = await validatedBody(ctx, connectSlackSchema, 16 * 1024);
    const sealed = encryptSlackCredentials(
      { bot_token: body.bot_token, signing_secret: body.signing_secret },
      masterKey,
    );
    const row = await claimed(
      ownerRun(
        ctx,
        db,
      )((tx, ws) =>
        upsertChannelConnection(tx, {
          workspaceId: ws,
          channel: 'slack',
          externalId: body.team_id,
          encryptedCredentials: sealed,
          label: body.label || undefined,
        }),
      ),
      'Slack team',
    );
    ctx.status = 201;
    ctx.body = { connection: shown(row) };
  });

  router.post('/channels/teams', async (ctx) => {
    const body = await validatedBody(ctx, connectTeamsSchema, 16 * 1024);
    const credentials = teamsCredentialsSchema.parse({
      app_password: body.app_password,
      tenant_id: body.tenant_id,
      app_type: body.app_type,
    });
    const sealed = encryptKey(JSON.stringify(credentials), masterKey);
    const row = await claimed(
      ownerRun(
        ctx,
        db,
      )(async (tx, ws) => {
        const { id } = await upsertTeamsConnection(tx, {
          workspaceId: ws,
          appId: body.app_id,
          encryptedCredentials: sealed,
          label: body.label || undefined,
        });
        const rows = await listChannelConnections(tx, 'teams', { workspaceId: ws, includeInactive: true });
        return rows.find((r) => r.id === id);
      }),
      'Teams bot',
    );
    if (!row) throw new ClaraError('internal', 'The Teams bot was not stored.');
    ctx.status = 201;
    ctx.body = { connection: shown(row) };
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
