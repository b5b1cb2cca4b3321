import { ClaraError } from '@clara/core';
import { consumeSlackOAuthState, upsertChannelConnection } from '@clara/supabase';
import Router from '@koa/router';
import { z } from 'zod';
import type { Runtime } from '../runtime';
import { encryptSlackInstallation, exchangeSlackCode } from './slack-installations';
import {
  hashSlackState,
  originOf,
  setSlackStateCookie,
  slackCallbackPath,
  stateMatchesCookie,
} from './slack-oauth-state';

// Slack's redirect: `?code=…&state=…`, or `?error=access_denied&state=…` when the person cancelled.
const callbackQuery = z.object({
  state: z.string().min(1).max(200),
  code: z.string().min(1).max(500).optional(),
  error: z.string().min(1).max(100).optional(),
});

/**
 * `GET /slack/oauth/callback`: where Slack sends the owner's browser after "Allow". The state
 * must be the one this browser was given (its cookie), unused and unexpired; then the code is
 * exchanged with `oauth.v2.access` and the installation stored encrypted in
 * `channel_connections` for the state's workspace, and the browser goes back to the admin.
 * A bad, replayed or foreign state is refused with a 4xx JSON error before Slack is called.
 */
export function slackOAuthRoutes(runtime: Runtime): Router {
  const { config, db, logger, masterKey } = runtime;
  const router = new Router();
  router.get(slackCallbackPath, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    const oauth = config.slack.oauth;
    if (!oauth) throw new ClaraError('not_found', '"Add to Slack" is not set up on this server.');
    const parsed = callbackQuery.safeParse(ctx.query);
    if (!parsed.success)
      throw new ClaraError('validation_failed', 'The Slack install link has no valid state.');
    const { state, code, error } = parsed.data;
    const fromThisBrowser = stateMatchesCookie(ctx, state);
    const origin = originOf(config.publicUrl, ctx);
    setSlackStateCookie(ctx, null, origin.startsWith('https://') || ctx.secure);
    // Used once whatever happens next: a replayed link finds nothing.
    const consumed = await consumeSlackOAuthState(db, hashSlackState(state));
    if (!consumed) {
      throw new ClaraError(
        'bad_request',
        'This Slack install link has expired or was already used: start again from the admin’s Channels page.',
      );
    }
    if (!fromThisBrowser) {
      throw new ClaraError(
        'forbidden',
        'This Slack install was not started in this browser: start it from the admin’s Channels page.',
      );
    }
    if (error || !code) {
      ctx.redirect(`${origin}/admin/channels?slack=cancelled`);
      return;
    }
    const granted = await exchangeSlackCode({
      code,
      redirectUri: `${origin}${slackCallbackPath}`,
      oauth,
      apiUrl: config.slack.apiUrl,
      now: Date.now(),
    });
    // Slack has just proved the team's consent: a team connected elsewhere moves to this workspace.
    await upsertChannelConnection(db, {
      workspaceId: consumed.workspaceId,
      channel: 'slack',
      externalId: granted.externalId,
      encryptedCredentials: encryptSlackInstallation(granted.installation, masterKey),
      label: granted.label,
    });
    logger.info(
      {
        workspace_id: consumed.workspaceId,
        team_id: granted.externalId,
        rotating: granted.installation.expires_at !== undefined,
      },
      'slack app installed',
    );
    ctx.redirect(`${origin}/admin/channels?slack=installed`);
  });
  return router;
}
