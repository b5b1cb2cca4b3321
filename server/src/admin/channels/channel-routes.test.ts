/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { type FakeSlackApi, startFakeSlackApi } from '@clara/testkit/slack';
import { type FakeBotIdentity, startFakeBotIdentity } from '@clara/testkit/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { decryptKey } from '../../vault';

const botToken = 'xoxb-1111-2222-ADMINsecretTOKEN';
const signingSecret = 'admin-signing-secret-5f2c9e';
const teamsPassword = 'teams-app-password-Q9~x';
const teamsAppId = '0f8fad5b-d9cb-469f-a165-70867728950e';
let server: TestServer;
// A connection proves its id: Slack's auth.test and Microsoft's token endpoint, both local fakes.
let slack: FakeSlackApi;
let identity: FakeBotIdentity;
let a: AdminClient;
let b: AdminClient;
const bodies: string[] = [];

async function call(client: AdminClient, method: string, path: string, body?: unknown) {
  const res = await client.request(method, path, body);
  const text = await res.text();
  bodies.push(text);
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

beforeAll(async () => {
  slack = await startFakeSlackApi([
    { token: botToken, teamId: 'T0ADMIN01', botId: 'B0ADMIN', botUserId: 'U0ADMIN' },
    { token: 'xoxb-3333-other-team', teamId: 'T0OTHER', botId: 'B0OTHER', botUserId: 'U0OTHER' },
  ]);
  identity = await startFakeBotIdentity();
  identity.registerApp(teamsAppId, teamsPassword);
  server = await startTestServer({
    env: {
      CLARA_PUBLIC_URL: 'https://clara.example.com',
      SLACK_API_URL: slack.url,
      TEAMS_LOGIN_URL: identity.loginUrl,
    },
  });
  a = await signUpOwner(server.url);
  b = await signUpOwner(server.url);
});
afterAll(async () => {
  await server?.close();
  await Promise.all([slack?.close(), identity?.close()]);
});

describe('/api/admin/channels', () => {
  let slackId = '';
  let teamsId = '';

  it('shows the Slack manifest and the Teams endpoint for this server, and no connections yet', async () => {
    const res = await call(a, 'GET', '/api/admin/channels');
    expect(res.status).toBe(200);
    expect(res.body.connections).toEqual([]);
    expect(res.body.slack.events_url).toBe('https://clara.example.com/slack/events');
    expect(res.body.slack.manifest).toContain('request_url: "https://clara.example.com/slack/events"');
    expect(res.body.slack.manifest).toContain('app_mentions:read');
    expect(res.body.teams.messaging_endpoint).toBe('https://clara.example.com/teams/messages');
    expect(res.body.slack.env_app).toEqual({ configured: false, this_workspace: false });
    expect(res.body.teams.env_bot).toMatchObject({ configured: false, this_workspace: false });
  });

  it('names the Slack app in the manifest as the owner named the assistant', async () => {
    const patched = await a.request('PATCH', '/api/admin/settings', { settings: { display_name: 'Luigi' } });
    expect(patched.status).toBe(200);
    const res = await call(a, 'GET', '/api/admin/channels');
    expect(res.body.slack.manifest).toMatch(/display_information:\n {2}name: "?Luigi"?\n/);
    expect(res.body.slack.manifest).toMatch(/display_name: "?luigi"?\n/);
    expect(res.body.slack.manifest).not.toMatch(/name: "?Clara"?\n/);
  });

  it('connects a Slack app: credentials sealed with the vault, never shown', async () => {
    const res = await call(a, 'POST', '/api/admin/channels/slack', {
      team_id: 'T0ADMIN01',
      bot_token: botToken,
      signing_secret: signingSecret,
      label: 'Acme Slack',
    });
    expect(res.status).toBe(201);
    slackId = res.body.connection.id;
    expect(res.body.connection).toMatchObject({
      channel: 'slack',
      external_id: 'T0ADMIN01',
      label: 'Acme Slack',
      is_active: true,
    });
    const [row] = await server.db.query<{ encrypted_credentials: string; workspace_id: string }>(
      'SELECT encrypted_credentials, workspace_id FROM channel_connections WHERE id = $1',
      [slackId],
    );
    expect(row?.workspace_id).toBe(a.workspaceId);
    expect(JSON.parse(decryptKey(row?.encrypted_credentials ?? '', server.runtime.masterKey))).toEqual({
      bot_token: botToken,
      signing_secret: signingSecret,
    });
  });

  it('connects a Teams bot (app type rules checked)', async () => {
    const single = await call(a, 'POST', '/api/admin/channels/teams', {
      app_id: teamsAppId,
      app_password: teamsPassword,
      app_type: 'SingleTenant',
    });
    expect(single.status).toBe(400);
    expect(single.body.error.message).toContain('tenant_id');
    // No token for this app id with a wrong password: not connected.
    const unproven = await call(a, 'POST', '/api/admin/channels/teams', {
      app_id: teamsAppId,
      app_password: 'a-guessed-password',
    });
    expect(unproven.status).toBe(400);
    expect(unproven.body.error.code).toBe('validation_failed');
    const res = await call(a, 'POST', '/api/admin/channels/teams', {
      app_id: teamsAppId,
      app_password: teamsPassword,
    });
    expect(res.status).toBe(201);
    teamsId = res.body.connection.id;
    expect(res.body.connection).toMatchObject({ channel: 'teams', external_id: teamsAppId, is_active: true });
    const list = (await call(a, 'GET', '/api/admin/channels')).body.connections;
    expect(list.map((c: any) => c.channel)).toEqual(['slack', 'teams']);
  });

  it('rejects bad input with 400 without echoing secrets', async () => {
    for (const body of [
      { team_id: 'not-a-team', bot_token: botToken, signing_secret: signingSecret },
      { team_id: 'T0ADMIN02', bot_token: 'not-a-token', signing_secret: signingSecret },
      { team_id: 'T0ADMIN02', bot_token: botToken, signing_secret: 'short' },
      { team_id: 'T0ADMIN02' },
    ]) {
      const res = await call(a, 'POST', '/api/admin/channels/slack', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect(
      (await call(a, 'POST', '/api/admin/channels/teams', { app_id: 'nope', app_password: 'x' })).status,
    ).toBe(400);
  });

  it('deactivates, reactivates and deletes', async () => {
    expect((await call(a, 'POST', `/api/admin/channels/${slackId}/deactivate`)).body.is_active).toBe(false);
    let list = (await call(a, 'GET', '/api/admin/channels')).body.connections;
    expect(list.find((c: any) => c.id === slackId).is_active).toBe(false);
    expect((await call(a, 'POST', `/api/admin/channels/${slackId}/activate`)).body.is_active).toBe(true);
    expect((await call(a, 'DELETE', `/api/admin/channels/${teamsId}`)).body.deleted).toBe(teamsId);
    list = (await call(a, 'GET', '/api/admin/channels')).body.connections;
    expect(list.map((c: any) => c.id)).toEqual([slackId]);
    expect((await call(a, 'DELETE', `/api/admin/channels/${teamsId}`)).status).toBe(404);
  });

  it("owner B can neither see, change nor take over A's connections; CSRF is required", async () => {
    const snapshot = () =>
      server.db
        .query('SELECT * FROM channel_connections WHERE workspace_id = $1 ORDER BY id', [a.workspaceId])
        .then(JSON.stringify);
    const before = await snapshot();
    expect((await call(b, 'GET', '/api/admin/channels')).body.connections).toEqual([]);
    for (const [method, path] of [
      ['POST', `/api/admin/channels/${slackId}/deactivate`],
      ['POST', `/api/admin/channels/${slackId}/activate`],
      ['DELETE', `/api/admin/channels/${slackId}`],
    ] as const) {
      expect((await call(b, method, path)).status, `${method} ${path}`).toBe(404);
    }
    // Claiming A's Slack team without its bot token: refused (Slack rejects the token, or it
    // belongs to another team), nothing of A's shown.
    for (const token of ['xoxb-9999-hijack', 'xoxb-3333-other-team']) {
      const takeover = await call(b, 'POST', '/api/admin/channels/slack', {
        team_id: 'T0ADMIN01',
        bot_token: token,
        signing_secret: 'hijack-secret-123',
      });
      expect(takeover.status).toBe(400);
      expect(takeover.body.error.code).toBe('validation_failed');
      expect(JSON.stringify(takeover.body)).not.toContain(a.workspaceId);
    }
    const noCsrf = await b.request(
      'POST',
      `/api/admin/channels/slack`,
      { team_id: 'T0B', bot_token: botToken, signing_secret: signingSecret },
      { 'x-csrf-token': '' },
    );
    expect(noCsrf.status).toBe(403);
    expect(
      (await a.request('DELETE', `/api/admin/channels/${slackId}`, undefined, { 'x-csrf-token': 'nope' }))
        .status,
    ).toBe(403);
    expect(await snapshot()).toBe(before);
  });

  it('moves a connection to the workspace that proves it holds the app’s bot token', async () => {
    // An id claimed earlier (e.g. by a squatter before proofs existed) goes to its real owner.
    const res = await call(b, 'POST', '/api/admin/channels/slack', {
      team_id: 'T0ADMIN01',
      bot_token: botToken,
      signing_secret: signingSecret,
    });
    expect(res.status).toBe(201);
    const [row] = await server.db.query<{ workspace_id: string }>(
      "SELECT workspace_id FROM channel_connections WHERE channel = 'slack' AND external_id = 'T0ADMIN01'",
    );
    expect(row?.workspace_id).toBe(b.workspaceId);
    expect((await call(a, 'GET', '/api/admin/channels')).body.connections).toEqual([]);
  });

  it('says whether env-configured apps point at this workspace', async () => {
    const envServer = await startTestServer({
      env: {
        SLACK_SIGNING_SECRET: 'env-secret-123',
        SLACK_BOT_TOKEN: 'xoxb-env-1',
        SLACK_WORKSPACE_ID: '00000000-0000-4000-8000-000000000000',
      },
    });
    try {
      const owner = await signUpOwner(envServer.url);
      const res = await owner.json('GET', '/api/admin/channels');
      expect(res.body.slack.env_app).toEqual({ configured: true, this_workspace: false });
      expect(res.body.teams.env_bot.configured).toBe(false);
      // The origin is the request's when CLARA_PUBLIC_URL is unset.
      expect(res.body.teams.messaging_endpoint).toBe(`${envServer.url}/teams/messages`);
      expect(JSON.stringify(res.body)).not.toContain('env-secret-123');
      expect(JSON.stringify(res.body)).not.toContain('00000000-0000-4000-8000-000000000000');
    } finally {
      await envServer.close();
    }
  });

  it('no response body or log line holds a token, secret or sealed credentials', async () => {
    const sealed = await server.db.query<{ encrypted_credentials: string }>(
      'SELECT encrypted_credentials FROM channel_connections',
    );
    const everything = [...bodies, ...server.logs].join('\n');
    for (const secret of [
      botToken,
      signingSecret,
      teamsPassword,
      'xoxb-9999-hijack',
      ...sealed.map((r) => r.encrypted_credentials),
    ]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toContain('encrypted_credentials');
  });
});
