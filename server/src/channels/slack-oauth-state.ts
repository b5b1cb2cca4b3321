import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { slackOAuthCallbackPath } from '@clara/channel-slack';
import type { Context } from 'koa';
import { readCookie } from '../auth/cookies';

/** How long an "Add to Slack" state may be used after the owner clicked the button. */
export const slackStateTtlMs = 10 * 60 * 1000;

/** The httpOnly cookie that binds a state to the browser that started the install. */
export const slackStateCookie = 'clara_slack_oauth';

/**
 * Its name: over https with the `__Host-` prefix, which browsers accept only when Secure, for
 * Path=/ and without Domain, so a sibling subdomain (or a plain-http response) cannot plant a
 * state of its own in the owner's browser.
 */
export const slackStateCookieName = (secure: boolean): string =>
  secure ? `__Host-${slackStateCookie}` : slackStateCookie;

/** Where Slack sends the browser back; the app's redirect URL (the manifest lists it). */
export const slackCallbackPath = slackOAuthCallbackPath;

/** The origin links and redirect URLs are built from: CLARA_PUBLIC_URL, or the request's in development. */
export const originOf = (publicUrl: string | undefined, ctx: Pick<Context, 'protocol' | 'host'>): string =>
  publicUrl ? new URL(publicUrl).origin : `${ctx.protocol}://${ctx.host}`;

/** A fresh random state (sent to Slack) and its SHA-256 (the only form stored). */
export function newSlackState(): { state: string; hash: string } {
  const state = randomBytes(24).toString('base64url');
  return { state, hash: hashSlackState(state) };
}

/** The stored form of a state. */
export const hashSlackState = (state: string): string => createHash('sha256').update(state).digest('hex');

/** Sets the state cookie, sent back only to the callback (SameSite=Lax: Slack's redirect is a top-level GET). */
export function setSlackStateCookie(ctx: Context, state: string | null, secure: boolean): void {
  const parts = [
    `${slackStateCookieName(secure)}=${state ?? ''}`,
    // `__Host-` requires Path=/; over http the cookie is sent only to the callback.
    secure ? 'Path=/' : 'Path=/slack/oauth/',
    `Max-Age=${state ? slackStateTtlMs / 1000 : 0}`,
    'SameSite=Lax',
    'HttpOnly',
  ];
  if (secure) parts.push('Secure');
  ctx.append('Set-Cookie', parts.join('; '));
}

/** True when the browser holds the cookie of this very state. */
export function stateMatchesCookie(ctx: Context, state: string, secure: boolean): boolean {
  const cookie = readCookie(ctx, slackStateCookieName(secure));
  if (!cookie || cookie.length !== state.length) return false;
  return timingSafeEqual(Buffer.from(cookie), Buffer.from(state));
}
