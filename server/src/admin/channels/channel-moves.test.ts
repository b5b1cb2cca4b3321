/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { type FakeSlackApi, startFakeSlackApi } from '@clara/testkit/slack';
import { type FakeBotIdentity, startFakeBotIdentity } from '@clara/testkit/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// Owner B proves control of a Slack team (its bot token, checked by auth.test on a fake Slack) or
// a Teams bot (its password, checked by a fake Microsoft token endpoint) that owner A connected:
// the connection moves to B, and A is told on GET /api/admin/channels, without learning who took it.

const botToken = 'xoxb-5555-moves-TOKEN';
const signingSecret = 'moves-signing-secret-8d1f';
const teamsAppId = '3c9a7e1f-2b4d-4e6a-8c0b-1d2e3f4a5b6c';
const teamsPassword = 'moves-teams-password-Z7~q';
let slack: FakeSlackApi;
let identity: FakeBotIdentity;
let server: TestServer;
let a: AdminClient;
let b: AdminClient;
const bodies: string[] = [];

async function call(client: AdminClient, method: string, path: string, body?: unknown) {
  const res = await client.request(method, path, body);
  const text = await res.text();
  bodies.push(text);
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const connectSlack = (client: AdminClient, label?: string) =>
  call(client, 'POST', '/api/admin/channels/slack', {
    team_id: 'T0MOVES',
    bot_token: botToken,
    signing_secret: signingSecret,
    ...(label ? { label } : {}),
  });

const movedAway = async (client: AdminClient) => {
  const res = await call(client, 'GET', '/api/admin/channels');
  expect(res.status).toBe(200);
  return res.body.moved_away as any[];
};

beforeAll(async () => {
  slack = await startFakeSlackApi([
    { token: botToken, teamId: 'T0MOVES', botId: 'B0MOVES', botUserId: 'U0MOVES' },
  ]);
  identity = await startFakeBotIdentity();
  identity.registerApp(teamsAppId, teamsPassword);
  server = await startTestServer({
    env: { SLACK_API_URL: slack.url, TEAMS_LOGIN_URL: identity.loginUrl },
  });
  a = await signUpOwner(server.url, { workspaceName: 'First owner' });
  b = await signUpOwner(server.url, { workspaceName: 'Second owner' });
});
afterAll(async () => {
  await server?.close();
  await Promise.all([slack?.close(), identity?.close()]);
});

describe('connections moved to another Clara account', () => {
  let moveId = '';

  it('tells the owner who lost a Slack team, not the one who took it', async () => {
    expect((await connectSlack(a, 'Acme')).status).toBe(201);
    // A connecting it again is no move.
    expect((await connectSlack(a, 'Acme')).status).toBe(201);
    expect(await movedAway(a)).toEqual([]);

    const before = Date.now();
    expect((await connectSlack(b)).status).toBe(201);
    const moves = await movedAway(a);
    expect(moves).toEqual([
      {
        id: expect.any(String),
        channel: 'slack',
        external_id: 'T0MOVES',
        label: 'Acme',
        moved_at: expect.any(String),
      },
    ]);
    moveId = moves[0].id;
    expect(Date.parse(moves[0].moved_at)).toBeGreaterThanOrEqual(before - 5_000);
    expect((await call(a, 'GET', '/api/admin/channels')).body.connections).toEqual([]);
    expect(await movedAway(b)).toEqual([]);
    expect((await call(b, 'GET', '/api/admin/channels')).body.connections).toEqual([
      expect.objectContaining({ external_id: 'T0MOVES', label: 'Acme' }),
    ]);
  });

  it('dismisses only the owner’s own moves: 204, then gone; 404 for others, 400 for a malformed id', async () => {
    const foreign = await call(b, 'POST', `/api/admin/channels/moves/${moveId}/dismiss`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('not_found');
    expect(await movedAway(a)).toHaveLength(1);
    expect((await call(a, 'POST', `/api/admin/channels/moves/${randomUUID()}/dismiss`)).status).toBe(404);
    for (const bad of ['not-a-uuid', '1234', `${moveId}x`]) {
      const res = await call(a, 'POST', `/api/admin/channels/moves/${bad}/dismiss`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error).toEqual({ code: 'validation_failed', message: expect.any(String) });
    }
    // CSRF applies as on every admin write.
    const noCsrf = await a.request('POST', `/api/admin/channels/moves/${moveId}/dismiss`, undefined, {
      'x-csrf-token': '',
    });
    expect(noCsrf.status).toBe(403);

    const res = await a.request('POST', `/api/admin/channels/moves/${moveId}/dismiss`);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(await movedAway(a)).toEqual([]);
    // Twice is fine (a double click).
    expect((await call(a, 'POST', `/api/admin/channels/moves/${moveId}/dismiss`)).status).toBe(204);
  });

  it('a reconnect by the first owner moves it back: now the second owner is told', async () => {
    expect((await connectSlack(a)).status).toBe(201);
    expect(await movedAway(a)).toEqual([]);
    expect(await movedAway(b)).toEqual([
      expect.objectContaining({ channel: 'slack', external_id: 'T0MOVES' }),
    ]);
  });

  it('tells the owner who lost a Teams bot', async () => {
    const connect = (client: AdminClient, label?: string) =>
      call(client, 'POST', '/api/admin/channels/teams', {
        app_id: teamsAppId,
        app_password: teamsPassword,
        ...(label ? { label } : {}),
      });
    expect((await connect(a, 'Helpdesk bot')).status).toBe(201);
    expect((await connect(b)).status).toBe(201);
    expect(await movedAway(a)).toEqual([
      expect.objectContaining({ channel: 'teams', external_id: teamsAppId, label: 'Helpdesk bot' }),
    ]);
    expect((await movedAway(b)).map((m) => m.channel)).toEqual(['slack']);
  });

  it('never shows the other owner’s workspace, email or any secret', async () => {
    const everything = [...bodies, ...server.logs].join('\n');
    for (const hidden of [botToken, signingSecret, teamsPassword]) expect(everything).not.toContain(hidden);
    const aSees = JSON.stringify(await call(a, 'GET', '/api/admin/channels'));
    const bSees = JSON.stringify(await call(b, 'GET', '/api/admin/channels'));
    expect(aSees).not.toContain(b.workspaceId);
    expect(aSees).not.toContain(b.email);
    expect(bSees).not.toContain(a.workspaceId);
    expect(bSees).not.toContain(a.email);
  });
});
