import { randomUUID } from 'node:crypto';
import { eventEnvelope } from '@clara/channel-slack/testing';
import { createFakeSlackOAuth, type FakeSlackApi, startFakeSlackApi } from '@clara/testkit/slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postToSlack } from '../../test/slack-test-kit';
import { createWorkspaceWithId } from '../../test/teams-test-kit';
import { startTestServer, type TestServer } from '../../test/test-server';

// The env app (SLACK_BOT_TOKEN + SLACK_WORKSPACE_ID) and "Add to Slack" share SLACK_SIGNING_SECRET:
// the distributed app. Anyone may install it into their own team from Slack's authorize URL
// without Clara's state (or after a failed callback): Slack then signs that team's events with
// the shared secret, and no channel_connections row names the team.
const signingSecret = 'shared-app-signing-secret-dddd';
const envTeam = 'T0ENVTEAM';
const stranger = 'T9STRANGER';
const envWorkspace = randomUUID();
let slack: FakeSlackApi;
let server: TestServer;

beforeAll(async () => {
  const oauth = createFakeSlackOAuth({
    clientId: '3333333333.4444444444',
    clientSecret: 'fake-client-secret-stranger',
    team: { id: 'T0OTHER', name: 'Other' },
    installerUserId: 'U0INST',
    botId: 'B0OAUTHX',
    botUserId: 'U0CLARAX',
  });
  slack = await startFakeSlackApi(
    [{ token: 'xoxb-env-team-token', teamId: envTeam, botId: 'B0ENV', botUserId: 'U0CLARAENV' }],
    { oauth },
  );
  server = await startTestServer({
    env: {
      SLACK_API_URL: slack.url,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_BOT_TOKEN: 'xoxb-env-team-token',
      SLACK_WORKSPACE_ID: envWorkspace,
      SLACK_CLIENT_ID: '3333333333.4444444444',
      SLACK_CLIENT_SECRET: 'fake-client-secret-stranger',
      CLARA_PUBLIC_URL: 'https://clara.example.com',
    },
  });
  await createWorkspaceWithId(server, envWorkspace);
  await server.addPairs(envWorkspace, [
    { question: 'What is the door code?', answer: 'The door code is 4711.', category: 'general' },
  ]);
}, 60_000);

afterAll(async () => {
  await server?.close();
  await slack?.close();
});

describe('a Slack team Clara never connected, signed with the shared secret', () => {
  it('is not served as the env app’s workspace (no turn stored, nothing posted)', async () => {
    const ts = '1820000001.000100';
    const res = await postToSlack(
      server.url,
      signingSecret,
      eventEnvelope(stranger, {
        type: 'app_mention',
        user: 'U0STRANGER',
        text: '<@U0CLARAX> What is the door code?',
        ts,
        channel: 'C0STRANGER',
        event_ts: ts,
      }),
    );
    expect(res.status).toBeLessThan(500);
    await new Promise((r) => setTimeout(r, 1500));
    const sessions = await server.db.query<{ session_token: string }>(
      'SELECT session_token FROM chat_sessions WHERE workspace_id = $1',
      [envWorkspace],
    );
    expect(sessions.map((s) => s.session_token).filter((t) => t.includes(stranger))).toEqual([]);
    expect(slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0STRANGER')).toEqual([]);
  });
});
