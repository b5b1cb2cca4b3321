import {
  type FakeBotConnector,
  type FakeBotIdentity,
  newConversation,
  newUser,
  startFakeBotConnector,
  startFakeBotIdentity,
  teamsActivities,
} from '@clara/testkit/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceWithId, newWorkspaceId, postActivity } from '../../test/teams-test-kit';
import { startTestServer, type TestServer } from '../../test/test-server';
import { channelEventRetentionDays, runDailyRetention, sweepRetention } from './retention-sweep';

// The Slack/Teams event claims (`channel_events`) only refuse redeliveries, which come within
// minutes: the daily retention sweep deletes those older than a week, in every workspace.
const day = 24 * 3600_000;
let server: TestServer;
let connector: FakeBotConnector;
let identity: FakeBotIdentity;
const bot = { appId: '6a1d5c1e-0000-4000-8000-00000000e7e1', password: 'event-retention-password' };
const workspaceId = newWorkspaceId();
const ada = newUser('Ada Lovelace');

beforeAll(async () => {
  connector = await startFakeBotConnector();
  identity = await startFakeBotIdentity();
  identity.registerApp(bot.appId, bot.password);
  server = await startTestServer({
    env: {
      MICROSOFT_APP_ID: bot.appId,
      MICROSOFT_APP_PASSWORD: bot.password,
      MICROSOFT_APP_TYPE: 'SingleTenant',
      MICROSOFT_APP_TENANT_ID: '0d9b7f2e-1111-4222-8333-444455556666',
      TEAMS_WORKSPACE_ID: workspaceId,
      TEAMS_OPENID_METADATA_URL: identity.openIdMetadataUrl,
      TEAMS_TOKEN_ISSUER: identity.issuer,
      TEAMS_LOGIN_URL: identity.loginUrl,
    },
  });
  // No retention_days setting: the claims go anyway, the conversation stays.
  await createWorkspaceWithId(server, workspaceId);
  await server.addPairs(workspaceId, [
    { question: 'What are your opening hours?', answer: 'We are open 9 to 5.', category: 'general' },
  ]);
});
afterAll(async () => {
  await server?.close();
  await connector?.close();
  await identity?.close();
});

const claims = async () =>
  (
    await server.db.query<{ event_id: string }>("SELECT event_id FROM channel_events WHERE channel = 'teams'")
  ).map((r) => r.event_id);

/** A question answered through botbuilder, which claims its activity id. */
async function ask(): Promise<string> {
  const a = teamsActivities({ serviceUrl: connector.url, botId: `28:${bot.appId}` });
  const activity = a.message(newConversation('personal'), ada, 'What are your opening hours?');
  const bearer = identity.channelToken({ appId: bot.appId, serviceUrl: connector.url });
  expect((await postActivity(server, activity, { authorization: `Bearer ${bearer}` })).status).toBe(200);
  await connector.waitFor((c) => c.replyToId === activity.id && c.activity.type === 'message', 10_000);
  return activity.id;
}

describe('channel event claims past the retention window', () => {
  it('are deleted by the daily sweep after a week; younger ones and the conversations stay', async () => {
    const activityId = await ask();
    expect(channelEventRetentionDays).toBe(7);
    const [claim] = await claims();
    expect(claim).toContain(activityId);

    // Six days on: still kept (a redelivery would still be refused).
    expect(await sweepRetention(server.db, { now: new Date(Date.now() + 6 * day) })).toMatchObject({
      channel_events: 0,
    });
    expect(await claims()).toEqual([claim]);

    // Eight days on: the daily sweep prunes it and says so in one info line.
    const from = server.logs.length;
    const result = await runDailyRetention(server.db, {
      now: new Date(Date.now() + 8 * day),
      logger: server.runtime.logger,
    });
    expect(result).toMatchObject({ channel_events: 1, conversations: 0 });
    expect(await claims()).toEqual([]);
    const line = server.logs.slice(from).find((l) => l.includes('pruned old channel event claims'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ level: 30, channel_events: 1, retention_days: 7 });
    const [sessions] = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM chat_sessions WHERE workspace_id = $1',
      [workspaceId],
    );
    expect(sessions?.n).toBe(1);
  });
});
