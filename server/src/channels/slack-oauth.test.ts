/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { eventEnvelope } from '@clara/channel-slack/testing';
import { findChannelConnectionAnyState, insertGap } from '@clara/supabase';
import { createFakeSlackOAuth, type FakeSlackApi, startFakeSlackApi } from '@clara/testkit/slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../test/admin/admin-client';
import { postToSlack } from '../../test/slack-test-kit';
import { startTestServer, type TestServer } from '../../test/test-server';
import { decryptKey } from '../vault';
import { encryptSlackInstallation, slackInstallationSchema } from './slack-installations';

// One distributed Slack app ("Add to Slack"); the fake's consent page installs it into team T0OAUTH.
const app = {
  clientId: '1111111111.2222222222',
  clientSecret: 'fake-client-secret-0123456789',
  signingSecret: 'oauth-app-signing-secret-cccc',
};
const team = { id: 'T0OAUTH', name: 'Oauth Co' };
const installer = 'U0OWNER';
const botUserId = 'U0CLARAO';
const publicUrl = 'https://clara.example.com';
let slack: FakeSlackApi;
let server: TestServer;
let owner: AdminClient;
let env: Record<string, string>;
const fake = () => {
  if (!slack.oauth) throw new Error('the fake Slack has no OAuth');
  return slack.oauth;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

/** Clicks "Add to Slack" as the SPA does, then "Allow" on the fake: the callback URL Slack sends back. */
async function startInstall(client: AdminClient): Promise<{ authorizeUrl: URL; callback: string }> {
  const res = await client.json('GET', '/api/admin/channels/slack/install');
  expect(res.status).toBe(200);
  const authorizeUrl = new URL(res.body.authorize_url);
  return { authorizeUrl, callback: await fake().approve(authorizeUrl.toString()) };
}

const storedRow = () => findChannelConnectionAnyState(server.db, 'slack', team.id);
const stored = async () => {
  const row = await storedRow();
  if (!row) throw new Error('no connection row');
  return slackInstallationSchema.parse(
    JSON.parse(decryptKey(row.encrypted_credentials, server.runtime.masterKey)),
  );
};
let seq = 0;
const mention = (text: string) => {
  const ts = `1810000${String(++seq).padStart(3, '0')}.000100`;
  return eventEnvelope(team.id, {
    type: 'app_mention',
    user: 'U0ASKER',
    text: `<@${botUserId}> ${text}`,
    ts,
    channel: 'C0OAUTH',
    event_ts: ts,
  });
};

beforeAll(async () => {
  const oauth = createFakeSlackOAuth({
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    team,
    installerUserId: installer,
    botId: 'B0OAUTH',
    botUserId,
    // Token rotation on: tokens expire after 12 hours and come with a refresh token.
    expiresIn: 43_200,
  });
  slack = await startFakeSlackApi([], { oauth });
  env = {
    SLACK_API_URL: slack.url,
    SLACK_CLIENT_ID: app.clientId,
    SLACK_CLIENT_SECRET: app.clientSecret,
    SLACK_SIGNING_SECRET: app.signingSecret,
    SLACK_OAUTH_AUTHORIZE_URL: fake().authorizeUrl,
    CLARA_PUBLIC_URL: publicUrl,
    // Shared by a second instance on the same database.
    CLARA_ENCRYPTION_KEY: '5a'.repeat(32),
  };
  server = await startTestServer({ env });
  owner = await signUpOwner(server.url, { workspaceName: 'Oauth Co' });
  await server.addPairs(owner.workspaceId, [
    { question: 'What are your opening hours?', answer: 'We are open 9 to 5.', category: 'general' },
  ]);
}, 60_000);

afterAll(async () => {
  await server?.close();
  await slack?.close();
});

describe('"Add to Slack" (OAuth v2) against the fake Slack', () => {
  it('installs through OAuth: state checked, installation stored encrypted, events answered with the new token', async () => {
    const { authorizeUrl, callback } = await startInstall(owner);
    // Slack's authorize page gets the app's client id, Clara's scopes, the redirect URL and a state.
    expect(authorizeUrl.origin + authorizeUrl.pathname).toBe(fake().authorizeUrl);
    expect(authorizeUrl.searchParams.get('client_id')).toBe(app.clientId);
    expect(authorizeUrl.searchParams.get('scope')?.split(',')).toEqual(
      expect.arrayContaining(['app_mentions:read', 'chat:write', 'im:history', 'assistant:write']),
    );
    expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(`${publicUrl}/slack/oauth/callback`);
    const state = authorizeUrl.searchParams.get('state') ?? '';
    expect(state).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(owner.cookies.get('__Host-clara_slack_oauth')).toBe(state);

    const back = await owner.request('GET', pathOf(callback));
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe(`${publicUrl}/admin/channels?slack=installed`);
    const [exchange] = slack.callsTo('oauth.v2.access');
    expect(exchange?.args).toMatchObject({
      client_id: app.clientId,
      code: new URL(callback).searchParams.get('code'),
      redirect_uri: `${publicUrl}/slack/oauth/callback`,
    });

    const list = await owner.json('GET', '/api/admin/channels');
    expect(list.body.connections).toEqual([
      expect.objectContaining({ channel: 'slack', external_id: team.id, label: team.name, is_active: true }),
    ]);
    // Sealed with the vault: neither token is in the row, nor in any log line; the secrets never leave.
    const token = fake().issued[0] ?? '';
    const installation = await stored();
    expect(installation).toMatchObject({ via: 'oauth', bot_token: token, installer_user_id: installer });
    expect(installation.refresh_token).toMatch(/^xoxe-1-/);
    expect(installation.expires_at).toBeGreaterThan(Date.now() + 11 * 3600_000);
    const raw = JSON.stringify(await server.db.query('SELECT * FROM channel_connections'));
    for (const secret of [token, installation.refresh_token ?? '', app.clientSecret]) {
      expect(raw).not.toContain(secret);
      expect(server.logs.join('')).not.toContain(secret);
      expect(JSON.stringify(list.body)).not.toContain(secret);
    }
    expect(server.logs.join('')).not.toContain(state);

    // Slack now signs the team's events with the app's signing secret: answered with the installed token.
    const res = await postToSlack(server.url, app.signingSecret, mention('What are your opening hours?'));
    expect(res.status).toBe(200);
    const answer = await slack.waitForCall(
      (c) => c.method === 'chat.postMessage' && JSON.stringify(c.args.blocks ?? '').includes('9 to 5'),
    );
    expect(answer.token).toBe(token);
  });

  it('refuses a replayed, unknown or foreign state with a 4xx JSON error, before Slack is called', async () => {
    const exchanges = () => slack.callsTo('oauth.v2.access').length;
    const { authorizeUrl, callback } = await startInstall(owner);
    const state = authorizeUrl.searchParams.get('state') ?? '';
    const before = exchanges();

    // Another browser (no state cookie) with the owner's link: refused, and the state is spent.
    const stranger = await fetch(`${server.url}${pathOf(callback)}`, { redirect: 'manual' });
    expect(stranger.status).toBe(403);
    expect(((await stranger.json()) as any).error.code).toBe('forbidden');
    // The owner's own browser then finds it used: a state works once.
    const replay = await owner.request('GET', pathOf(callback), undefined, {
      cookie: `__Host-clara_slack_oauth=${state}`,
    });
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as any).error).toMatchObject({ code: 'bad_request' });

    // A state Clara never issued, and a link without one.
    const forged = await fetch(`${server.url}/slack/oauth/callback?code=1.2&state=forged-state-value`, {
      headers: { cookie: '__Host-clara_slack_oauth=forged-state-value' },
      redirect: 'manual',
    });
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as any).error.code).toBe('bad_request');
    const bare = await fetch(`${server.url}/slack/oauth/callback?code=1.2`, { redirect: 'manual' });
    expect(bare.status).toBe(400);
    expect(((await bare.json()) as any).error.code).toBe('validation_failed');
    expect(exchanges()).toBe(before);

    // A browser navigation (not the SPA's JSON call) is redirected to Slack straight away.
    const navigation = await owner.request('GET', '/api/admin/channels/slack/install', undefined, {
      accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
    });
    expect(navigation.status).toBe(302);
    const location = new URL(navigation.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe(fake().authorizeUrl);
    expect(owner.cookies.get('__Host-clara_slack_oauth')).toBe(location.searchParams.get('state'));
    // A good state with a code Slack does not know (or already exchanged): its refusal is a 400 naming its code only.
    const withOldCode = await owner.request(
      'GET',
      `/slack/oauth/callback?code=1700000000.unknown&state=${location.searchParams.get('state')}`,
    );
    expect(withOldCode.status).toBe(400);
    expect(((await withOldCode.json()) as any).error).toEqual({
      code: 'validation_failed',
      message: 'Slack refused the installation (invalid_code).',
    });
    const exchanged = before + 1;
    expect(exchanges()).toBe(exchanged);

    // An expired state is refused as well.
    const late = await startInstall(owner);
    await server.db.query("UPDATE slack_oauth_states SET expires_at = now() - interval '1 second'");
    const expired = await owner.request('GET', pathOf(late.callback));
    expect(expired.status).toBe(400);
    expect(exchanges()).toBe(exchanged);
  });

  it('refreshes an expired rotating token with grant_type=refresh_token before using it', async () => {
    const old = await stored();
    const row = await storedRow();
    // Twelve hours later: the stored expiry has passed and Slack refuses the old token.
    await server.db.query('UPDATE channel_connections SET encrypted_credentials = $2 WHERE id = $1', [
      row?.id,
      encryptSlackInstallation({ ...old, expires_at: Date.now() - 1000 }, server.runtime.masterKey),
    ]);
    fake().expire(old.bot_token);

    const asked = mention('What are your opening hours?');
    const res = await postToSlack(server.url, app.signingSecret, asked);
    expect(res.status).toBe(200);
    const refresh = await slack.waitForCall(
      (c) => c.method === 'oauth.v2.access' && c.args.grant_type === 'refresh_token',
    );
    expect(refresh.args).toMatchObject({ client_id: app.clientId, refresh_token: old.refresh_token });
    const fresh = fake().issued.at(-1) ?? '';
    expect(fresh).not.toBe(old.bot_token);
    // The answer itself (after the placeholder), in the asker's thread, with the new token.
    const answer = await slack.waitForCall(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.args.thread_ts === (asked.event as { ts: string }).ts &&
        Array.isArray(c.args.blocks),
    );
    expect(answer.token).toBe(fresh);
    // And the placeholder is deleted with it: the turn is over before the next test expires this token.
    await slack.waitForCall((c) => c.method === 'chat.delete' && c.token === fresh);
    // Stored (sealed) with its new expiry.
    const now = await stored();
    expect(now.bot_token).toBe(fresh);
    expect(now.expires_at).toBeGreaterThan(Date.now() + 11 * 3600_000);
    expect(server.logs.join('')).not.toContain(fresh);
    // The expired token was never tried: the refresh came first.
    expect(slack.calls.filter((c) => c.response?.error === 'token_expired')).toEqual([]);
  });

  it('refreshes once when two instances need the same expired token at the same time', async () => {
    const second = await startTestServer({ db: server.db, env });
    try {
      const old = await stored();
      const row = await storedRow();
      await server.db.query('UPDATE channel_connections SET encrypted_credentials = $2 WHERE id = $1', [
        row?.id,
        encryptSlackInstallation({ ...old, expires_at: Date.now() - 1000 }, server.runtime.masterKey),
      ]);
      fake().expire(old.bot_token);
      const refreshes = () =>
        slack.callsTo('oauth.v2.access').filter((c) => c.args.grant_type === 'refresh_token').length;
      const before = refreshes();
      const one = mention('What are your opening hours?');
      const two = mention('What are your opening hours?');
      const sent = await Promise.all([
        postToSlack(server.url, app.signingSecret, one),
        postToSlack(second.url, app.signingSecret, two),
      ]);
      expect(sent.map((r) => r.status)).toEqual([200, 200]);
      const fresh = () => fake().issued.at(-1);
      for (const envelope of [one, two]) {
        const ts = (envelope.event as { ts: string }).ts;
        const answer = await slack.waitForCall(
          (c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts && Array.isArray(c.args.blocks),
        );
        expect(answer.token).toBe(fresh());
      }
      // One instance refreshed under the row lock; the other found the new token.
      expect(refreshes()).toBe(before + 1);
      expect((await stored()).bot_token).toBe(fresh());
      expect(slack.calls.filter((c) => c.response?.error === 'token_expired')).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it("shows the installer the open gaps on the Home tab, with the admin's link; others see only topics", async () => {
    await insertGap(server.db, owner.workspaceId, null, {
      question: 'Do you sell gift cards?',
      aiAnswer: '',
      bestMatchId: null,
      similarityScore: null,
    });
    const open = (user: string) =>
      postToSlack(
        server.url,
        app.signingSecret,
        eventEnvelope(team.id, { type: 'app_home_opened', user, channel: 'D0HOME', tab: 'home' }),
      );
    expect((await open(installer)).status).toBe(200);
    const mine = await slack.waitForCall((c) => c.method === 'views.publish' && c.args.user_id === installer);
    expect(mine.response?.ok).toBe(true);
    const text = JSON.stringify(mine.args.view);
    expect(text).toContain('1 open gap');
    expect(text).toContain(`<${publicUrl}/admin/gaps|Answer them in the admin>`);
    expect(text).toContain('general: 1 answer');

    expect((await open('U0COLLEAGUE')).status).toBe(200);
    const theirs = await slack.waitForCall(
      (c) => c.method === 'views.publish' && c.args.user_id === 'U0COLLEAGUE',
    );
    const other = JSON.stringify(theirs.args.view);
    expect(other).toContain('general: 1 answer');
    expect(other).not.toContain('gap');
    expect(other).not.toContain('/admin');
  });

  it('deactivates the connection on app_uninstalled and ignores the team politely; installing again reactivates it', async () => {
    const res = await postToSlack(
      server.url,
      app.signingSecret,
      eventEnvelope(team.id, { type: 'app_uninstalled' }),
    );
    expect(res.status).toBe(200);
    for (let i = 0; i < 50 && (await storedRow())?.is_active; i++) await sleep(50);
    expect((await storedRow())?.is_active).toBe(false);
    const list = await owner.json('GET', '/api/admin/channels');
    expect(list.body.connections[0]).toMatchObject({ external_id: team.id, is_active: false });

    // Slack may still deliver: verified, acknowledged with a 200, and nothing answered.
    const posts = slack.callsTo('chat.postMessage').length;
    const late = await postToSlack(server.url, app.signingSecret, mention('What are your opening hours?'));
    expect(late.status).toBe(200);
    await sleep(300);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(posts);
    expect(server.logs.join('')).toContain('slack request for an inactive connection ignored');
    // A forged request for the team is still refused.
    const forged = await postToSlack(server.url, 'not-the-signing-secret', mention('hi'));
    expect(forged.status).toBe(401);

    // "Add to Slack" again: the same connection, active, with a new token.
    const again = await startInstall(owner);
    expect((await owner.request('GET', pathOf(again.callback))).status).toBe(302);
    expect((await storedRow())?.is_active).toBe(true);
    expect((await stored()).bot_token).toBe(fake().issued.at(-1));
  });

  it('deactivates it on tokens_revoked naming the bot token, not on user tokens alone', async () => {
    const revoke = (tokens: Record<string, string[]>) =>
      postToSlack(server.url, app.signingSecret, eventEnvelope(team.id, { type: 'tokens_revoked', tokens }));
    expect((await revoke({ oauth: [installer] })).status).toBe(200);
    await sleep(300);
    expect((await storedRow())?.is_active).toBe(true);
    expect((await revoke({ bot: [botUserId] })).status).toBe(200);
    for (let i = 0; i < 50 && (await storedRow())?.is_active; i++) await sleep(50);
    expect((await storedRow())?.is_active).toBe(false);
  });
  it("moves a team another owner installs to that owner's workspace; the first no longer sees it", async () => {
    const other = await signUpOwner(server.url, { workspaceName: 'New owner' });
    const { callback } = await startInstall(other);
    expect((await other.request('GET', pathOf(callback))).status).toBe(302);
    const row = await storedRow();
    expect(row).toMatchObject({ workspace_id: other.workspaceId, is_active: true });
    expect((await other.json('GET', '/api/admin/channels')).body.connections).toEqual([
      expect.objectContaining({ external_id: team.id, is_active: true }),
    ]);
    const first = (await owner.json('GET', '/api/admin/channels')).body;
    expect(first.connections).toEqual([]);
    // The first owner is told (what moved, when), never who took it; the new owner is told nothing.
    expect(first.moved_away).toEqual([
      expect.objectContaining({ channel: 'slack', external_id: team.id, label: team.name }),
    ]);
    expect(JSON.stringify(first)).not.toContain(other.workspaceId);
    expect((await other.json('GET', '/api/admin/channels')).body.moved_away).toEqual([]);
    // A state the first owner started cannot be finished in the second owner's browser.
    const mine = await startInstall(owner);
    const crossed = await other.request('GET', pathOf(mine.callback));
    expect(crossed.status).toBe(403);
    expect((await storedRow())?.workspace_id).toBe(other.workspaceId);
  });

  it('refuses a state planted in the browser of an owner signed in as someone else', async () => {
    // Attack: the first owner's state cookie set in the second owner's browser (a sibling
    // subdomain, or an http response), then the second owner sent to Slack with that state:
    // their Slack team would be connected to the first owner's workspace.
    const victim = await signUpOwner(server.url, { workspaceName: 'Victim Co' });
    const res = await owner.request('GET', '/api/admin/channels/slack/install', undefined, {
      accept: 'application/json',
    });
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/__Host-clara_slack_oauth=[^;]+; Path=\/;.*Secure/);
    const authorizeUrl = new URL(((await res.json()) as any).authorize_url);
    const state = authorizeUrl.searchParams.get('state') ?? '';
    const callback = await fake().approve(authorizeUrl.toString());
    const exchanges = slack.callsTo('oauth.v2.access').length;
    victim.cookies.set('__Host-clara_slack_oauth', state);
    const planted = await victim.request('GET', pathOf(callback));
    expect(planted.status).toBe(403);
    expect(((await planted.json()) as any).error.code).toBe('forbidden');
    expect(slack.callsTo('oauth.v2.access').length).toBe(exchanges);
    expect((await storedRow())?.workspace_id).not.toBe(owner.workspaceId);
  });
});
