import { slackBotScopes } from '@clara/channel-slack';
import { ClaraError } from '@clara/core';
import { createSlackOAuthState } from '@clara/supabase';
import {
  newSlackState,
  originOf,
  setSlackStateCookie,
  slackCallbackPath,
  slackStateTtlMs,
} from '../../channels/slack-oauth-state';
import { ownerRun } from '../owner-scope';
import type { RegisterRuntimeRoutes } from '../runtime-deps';

/**
 * "Add to Slack": `GET /api/admin/channels/slack/install` starts Slack's OAuth v2 install for
 * the signed-in owner's workspace. A random state (stored hashed, bound to the workspace, single
 * use, 10 minutes) goes to Slack and into an httpOnly cookie for the callback. A browser
 * navigation is redirected to Slack; the SPA (Accept: application/json, which may carry a
 * bearer token) gets `{ authorize_url }` and navigates itself.
 */
export const registerSlackInstallRoutes: RegisterRuntimeRoutes = (router, { db, config, publicUrl }) => {
  router.get('/channels/slack/install', async (ctx) => {
    const oauth = config.slack.oauth;
    if (!oauth) {
      throw new ClaraError(
        'not_found',
        '"Add to Slack" is not set up on this server: set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET.',
      );
    }
    const workspaceId = await ownerRun(ctx, db)(async (_tx, ws) => ws);
    const { state, hash } = newSlackState();
    await createSlackOAuthState(db, {
      stateHash: hash,
      workspaceId,
      expiresAt: new Date(Date.now() + slackStateTtlMs),
    });
    const origin = originOf(publicUrl, ctx);
    const url = new URL(oauth.authorizeUrl);
    url.searchParams.set('client_id', oauth.clientId);
    url.searchParams.set('scope', slackBotScopes.join(','));
    url.searchParams.set('redirect_uri', `${origin}${slackCallbackPath}`);
    url.searchParams.set('state', state);
    setSlackStateCookie(ctx, state, origin.startsWith('https://') || ctx.secure);
    if (ctx.accepts('html', 'json') === 'json') {
      ctx.body = { authorize_url: url.toString() };
      return;
    }
    ctx.redirect(url.toString());
  });
};
