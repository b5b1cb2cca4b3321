import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeSlackBot } from './fake-slack-api';

/** The Slack app the fake's OAuth pages and `oauth.v2.access` know, and the team it installs into. */
export interface FakeSlackOAuthOptions {
  clientId: string;
  clientSecret: string;
  team: { id: string; name: string };
  /** The Slack user who clicks "Allow" (`authed_user.id`). */
  installerUserId: string;
  botId: string;
  botUserId: string;
  /** Token rotation on: bot tokens (`xoxe.xoxb-…`) expire after this many seconds and come with a refresh token. */
  expiresIn?: number;
  /** An org-wide install on this Enterprise Grid org (`team` is then null in the answer). */
  enterprise?: { id: string; name: string };
}

/** The OAuth side of the fake Slack: the authorize page, the approval and `oauth.v2.access`. */
export interface FakeSlackOAuth {
  /** The authorize page's URL on the fake (for SLACK_OAUTH_AUTHORIZE_URL). */
  authorizeUrl: string;
  /** Authorize requests the fake received (what Clara sent the browser to). */
  authorizeRequests: URL[];
  /** Bot tokens issued so far, newest last. */
  issued: string[];
  /** Slack stops accepting this token (`token_expired`), as it does after `expires_in`. */
  expire(token: string): void;
  /** What a person clicking "Allow" gets: the redirect back to Clara (the callback URL with code and state). */
  approve(authorizeUrl: string): Promise<string>;
}

const html = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake Slack</title></head><body>${body}</body></html>`,
  );
};
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Slack's OAuth v2 install flow, for the fake Web API (`startFakeSlackApi(bots, { oauth })`):
 * `GET /oauth/v2/authorize` shows a consent page (Allow / Cancel) that redirects to the
 * `redirect_uri` with `code` and `state` (or `error=access_denied`); `oauth.v2.access`
 * exchanges a code once (`invalid_code` the second time), checks the client credentials and
 * redirect URI, and with `expiresIn` answers with rotating tokens and honours
 * `grant_type=refresh_token`. Issued bots join the fake's bots, so auth.test and the rest work.
 */
export function createFakeSlackOAuth(options: FakeSlackOAuthOptions) {
  const codes = new Map<string, { redirectUri: string; used: boolean }>();
  const refreshTokens = new Set<string>();
  const expired = new Set<string>();
  const authorizeRequests: URL[] = [];
  const issued: string[] = [];
  let bots: FakeSlackBot[] = [];
  let base = '';
  const random = () => randomBytes(9).toString('hex');

  function issue(): Record<string, unknown> {
    const rotation = options.expiresIn !== undefined;
    const token = `${rotation ? 'xoxe.' : ''}xoxb-1-${random()}`;
    issued.push(token);
    const org = options.enterprise;
    bots.push({
      token,
      teamId: options.team.id,
      botId: options.botId,
      botUserId: options.botUserId,
      ...(org ? { enterpriseId: org.id } : {}),
    });
    const refresh = rotation ? `xoxe-1-${random()}` : undefined;
    if (refresh) refreshTokens.add(refresh);
    return {
      ok: true,
      app_id: 'A0FAKEAPP',
      authed_user: { id: options.installerUserId },
      scope: 'app_mentions:read,chat:write',
      token_type: 'bot',
      access_token: token,
      bot_user_id: options.botUserId,
      ...(refresh ? { refresh_token: refresh, expires_in: options.expiresIn } : {}),
      team: org ? null : { id: options.team.id, name: options.team.name },
      enterprise: org ? { id: org.id, name: org.name } : null,
      is_enterprise_install: Boolean(org),
    };
  }

  /** Approves an authorize URL: the redirect Location a browser would follow. */
  function approvalRedirect(url: URL): string {
    const redirectUri = url.searchParams.get('redirect_uri') ?? '';
    const code = `${Date.now()}.${random()}`;
    codes.set(code, { redirectUri, used: false });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', url.searchParams.get('state') ?? '');
    return back.toString();
  }

  return {
    /** Called by the fake Web API once it listens. */
    attach(url: string, fakeBots: FakeSlackBot[]) {
      base = url;
      bots = fakeBots;
    },
    isExpired: (token: string | undefined) => token !== undefined && expired.has(token),
    /** Serves the browser pages; false when the path is not OAuth's. */
    handlePage(req: IncomingMessage, res: ServerResponse): boolean {
      const url = new URL(req.url ?? '/', base);
      if (url.pathname === '/oauth/v2/authorize') {
        authorizeRequests.push(url);
        const q = url.searchParams;
        if (q.get('client_id') !== options.clientId) {
          html(res, 400, '<h1>Oops! Something went wrong</h1><p>invalid_client_id</p>');
          return true;
        }
        const redirectUri = q.get('redirect_uri') ?? '';
        if (!/^https?:\/\//.test(redirectUri) || !q.get('state')) {
          html(res, 400, '<h1>Oops! Something went wrong</h1><p>bad_redirect_uri</p>');
          return true;
        }
        const deny = new URL(redirectUri);
        deny.searchParams.set('error', 'access_denied');
        deny.searchParams.set('state', q.get('state') ?? '');
        const approve = `/oauth/v2/approve?${q.toString()}`;
        html(
          res,
          200,
          `<main style="font-family:sans-serif;max-width:480px;margin:40px auto">
<h1>Clara is requesting permission to access the ${escapeHtml(options.team.name)} Slack workspace</h1>
<p>What will Clara be able to do?</p><ul>${(q.get('scope') ?? '')
            .split(',')
            .map((s) => `<li>${escapeHtml(s)}</li>`)
            .join('')}</ul>
<p><a href="${escapeHtml(deny.toString())}">Cancel</a> <a role="button" href="${escapeHtml(approve)}">Allow</a></p></main>`,
        );
        return true;
      }
      if (url.pathname === '/oauth/v2/approve') {
        res.writeHead(302, { location: approvalRedirect(url) });
        res.end();
        return true;
      }
      return false;
    },
    /** Answers `oauth.v2.access`; undefined for every other method. */
    answer(
      method: string,
      a: Record<string, unknown>,
      basic: string | undefined,
    ): Record<string, unknown> | undefined {
      if (method !== 'oauth.v2.access') return undefined;
      const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString().split(':') : [];
      const clientId = a.client_id ?? basicId;
      const clientSecret = a.client_secret ?? basicSecret;
      if (clientId !== options.clientId) return { ok: false, error: 'invalid_client_id' };
      if (clientSecret !== options.clientSecret) return { ok: false, error: 'bad_client_secret' };
      if (a.grant_type === 'refresh_token') {
        return refreshTokens.has(String(a.refresh_token))
          ? issue()
          : { ok: false, error: 'invalid_refresh_token' };
      }
      const code = codes.get(String(a.code ?? ''));
      if (!code || code.used) return { ok: false, error: 'invalid_code' };
      code.used = true;
      if (a.redirect_uri !== undefined && a.redirect_uri !== code.redirectUri)
        return { ok: false, error: 'bad_redirect_uri' };
      return issue();
    },
    controls(): FakeSlackOAuth {
      return {
        authorizeUrl: `${base}oauth/v2/authorize`,
        authorizeRequests,
        issued,
        expire: (token) => void expired.add(token),
        approve: async (authorizeUrl) => {
          // The consent page first, as a browser would see it (it refuses a wrong client id).
          const page = await fetch(authorizeUrl);
          if (page.status !== 200)
            throw new Error(`fake Slack refused the authorize URL: ${await page.text()}`);
          return approvalRedirect(new URL(authorizeUrl));
        },
      };
    },
  };
}

export type FakeSlackOAuthHandler = ReturnType<typeof createFakeSlackOAuth>;
