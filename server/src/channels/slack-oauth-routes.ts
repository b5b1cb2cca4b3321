import { ClaraError } from '@clara/core';
import {
  consumeSlackOAuthState,
  createAuthSession,
  isAuthSessionActive,
  ownWorkspaceId,
  upsertChannelConnection,
  withOwner,
} from '@clara/supabase';
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { readCookie, sessionCookie } from '../auth/cookies';
import { deriveSessionSecret } from '../auth/session-secret';
import { createSessionTokens } from '../auth/session-token';
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
 * must be the one this browser was given (its cookie, `__Host-` over https), unused and unexpired,
 * and a browser signed in to Clara must be signed in as the owner who started it; then the code is
 * exchanged with `oauth.v2.access` and the installation stored encrypted in
 * `channel_connections` for the state's workspace, and the browser goes back to the admin.
 * A bad, replayed or foreign state is refused with a 4xx JSON error before Slack is called.
 */
export function slackOAuthRoutes(runtime: Pick<Runtime, 'config' | 'db' | 'logger' | 'masterKey'>): Router {
  const { config, db, logger, masterKey } = runtime;
  const router = new Router();
  // Clara's own sign-in (the session cookie Slack's top-level redirect carries, SameSite=Lax).
  const sessions = createSessionTokens({
    secret: deriveSessionSecret(masterKey, 'session'),
    sessions: {
      create: (userId, expiresAt) => createAuthSession(db, userId, expiresAt),
      isActive: (sessionId, userId) => isAuthSessionActive(db, sessionId, userId),
    },
  });
  /** The workspace of the owner signed in to this browser, if any (null: signed out, or Supabase's bearer tokens). */
  async function signedInWorkspace(ctx: Context): Promise<string | null> {
    const token = readCookie(ctx, sessionCookie);
    const owner = token ? await sessions.verify(token) : null;
    return owner ? withOwner(db, owner, (tx) => ownWorkspaceId(tx)) : null;
  }
  router.get(slackCallbackPath, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    const oauth = config.slack.oauth;
    if (!oauth) throw new ClaraError('not_found', '"Add to Slack" is not set up on this server.');
    const parsed = callbackQuery.safeParse(ctx.query);
    if (!parsed.success)
      throw new ClaraError('validation_failed', 'The Slack install link has no valid state.');
    const { state, code, error } = parsed.data;
    const origin = originOf(config.publicUrl, ctx);
    const secure = origin.startsWith('https://') || ctx.secure;
    const fromThisBrowser = stateMatchesCookie(ctx, state, secure);
    setSlackStateCookie(ctx, null, secure);
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
    // Signed in here as another owner: a state planted in this browser (or a link sent to its
    // owner) would connect their Slack team to someone else's workspace.
    const here = await signedInWorkspace(ctx);
    if (here && here !== consumed.workspaceId) {
      throw new ClaraError(
        'forbidden',
        'This Slack install was started by another Clara account: start it from your admin’s Channels page.',
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
