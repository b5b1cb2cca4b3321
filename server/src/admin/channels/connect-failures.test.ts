import { startFakeSlackApi } from '@clara/testkit/slack';
import { startFakeBotIdentity } from '@clara/testkit/teams';
import { afterAll, describe, expect, it } from 'vitest';
import { signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// Connecting a channel when Slack or Microsoft cannot be reached, or refuses the credentials:
// the owner is told which (this server's network vs the platform's error code), never a secret.
const botToken = 'xoxb-1111-2222-FAILUREsecretTOKEN';
const signingSecret = 'failure-signing-secret-5f2c9e';
const teamsPassword = 'teams-app-password-F4il~x';
const teamsAppId = '6c1f7d2e-9a41-4b7e-8d1e-3f5a2b9c0d11';
const servers: TestServer[] = [];
const closers: (() => Promise<void>)[] = [];

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await Promise.all(closers.map((c) => c()));
});

/** A server whose Slack API and Microsoft login endpoint are the given URLs, and a signed-in owner. */
async function serverWith(slackUrl: string, loginUrl: string) {
  const server = await startTestServer({ env: { SLACK_API_URL: slackUrl, TEAMS_LOGIN_URL: loginUrl } });
  servers.push(server);
  const owner = await signUpOwner(server.url);
  const post = async (path: string, body: unknown) => {
    const res = await owner.request('POST', path, body);
    const text = await res.text();
    expect(text).not.toContain(botToken);
    expect(text).not.toContain(signingSecret);
    expect(text).not.toContain(teamsPassword);
    return { status: res.status, body: JSON.parse(text) as { error: { code: string; message: string } } };
  };
  return { server, post };
}

const slackBody = { team_id: 'T0FAIL01', bot_token: botToken, signing_secret: signingSecret };
const teamsBody = { app_id: teamsAppId, app_password: teamsPassword };

describe('connecting a channel when the platform cannot be reached or refuses', () => {
  it('unreachable (closed ports): "Clara could not reach Slack / Microsoft…", 503, not "did not accept"', async () => {
    const slack = await startFakeSlackApi([]);
    const identity = await startFakeBotIdentity();
    const [slackUrl, loginUrl] = [slack.url, identity.loginUrl];
    await Promise.all([slack.close(), identity.close()]);
    const { server, post } = await serverWith(slackUrl, loginUrl);

    const s = await post('/api/admin/channels/slack', slackBody);
    expect(s.status).toBe(503);
    expect(s.body.error.code).toBe('unavailable');
    expect(s.body.error.message).toBe(
      "Clara could not reach Slack (ECONNREFUSED): check this server's outbound access (network, DNS, proxy).",
    );

    const t = await post('/api/admin/channels/teams', teamsBody);
    expect(t.status).toBe(503);
    expect(t.body.error.message).toBe(
      "Clara could not reach Microsoft's login endpoint (ECONNREFUSED): check this server's outbound access (network, DNS, proxy).",
    );
    expect(server.logs.join('')).not.toContain(teamsPassword);

    // An expected network failure: a one-line warning naming the host and the socket code, no stack.
    const failed = server.logs.filter((line) => line.includes('/api/admin/channels/'));
    const lines = failed.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
    const warnings = lines.filter((l) => l.msg === 'request failed: service unreachable');
    expect(warnings.map((l) => [l.level, l.path, l.host, l.cause])).toEqual([
      [40, '/api/admin/channels/slack', new URL(slackUrl).host, 'ECONNREFUSED'],
      [40, '/api/admin/channels/teams', new URL(loginUrl).host, 'ECONNREFUSED'],
    ]);
    expect(failed.join('')).not.toContain('"stack"');
  });

  it('refused (fakes answering invalid_auth and 401 invalid_client): 400 with the platform’s error code', async () => {
    // The fake knows another token and another password: this token is invalid_auth, this password a 401.
    const slack = await startFakeSlackApi([
      { token: 'xoxb-9999-other', teamId: 'T0OTHER', botId: 'B0OTHER', botUserId: 'U0OTHER' },
    ]);
    const identity = await startFakeBotIdentity();
    identity.registerApp(teamsAppId, 'the-real-password');
    closers.push(
      () => slack.close(),
      () => identity.close(),
    );
    const { post } = await serverWith(slack.url, identity.loginUrl);

    const s = await post('/api/admin/channels/slack', slackBody);
    expect(s.status).toBe(400);
    expect(s.body.error).toEqual({
      code: 'validation_failed',
      message: 'Slack refused the bot token (invalid_auth).',
    });

    const t = await post('/api/admin/channels/teams', teamsBody);
    expect(t.status).toBe(400);
    expect(t.body.error).toEqual({
      code: 'validation_failed',
      message:
        'Microsoft refused these credentials for this app id (HTTP 401, invalid_client): check the app id, password, tenant and app type.',
    });
  });
});
