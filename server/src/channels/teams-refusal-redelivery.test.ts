/**
 * A Teams message the engine refuses (too long, a NUL) is claimed before it is refused: when the
 * Bot Framework delivers the same activity again, the visitor gets the refusal once, not once per
 * delivery. Real server, botbuilder, the fake Bot Connector.
 */
import { setTimeout as sleep } from 'node:timers/promises';
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

let server: TestServer;
let connector: FakeBotConnector;
let identity: FakeBotIdentity;
const bot = { appId: '6a1d5c1e-0000-4000-8000-0000000a0002', password: 'refusal-redelivery-bot-password' };
const workspaceId = newWorkspaceId();
const ada = newUser('Ada Lovelace');

const bearer = () => ({
  authorization: `Bearer ${identity.channelToken({ appId: bot.appId, serviceUrl: connector.url })}`,
});

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

describe('a refused Teams message delivered twice', () => {
  it.each([
    ['too long', `What are your opening hours? ${'x'.repeat(2100)}`, /too long/],
    ['unstorable', 'What are your\u0000 opening hours?', /character I can’t store/],
  ])('(%s) gets exactly one refusal', async (_n, text, refusal) => {
    const a = teamsActivities({ serviceUrl: connector.url, botId: `28:${bot.appId}` });
    const activity = a.message(newConversation('personal'), ada, text);
    const replies = () =>
      connector.calls.filter((c) => c.replyToId === activity.id && c.activity.type === 'message');
    const first = await postActivity(server, activity, bearer());
    expect(first.status, await first.clone().text()).toBe(200);
    const call = await connector.waitFor(
      (c) => c.replyToId === activity.id && c.activity.type === 'message',
      10_000,
    );
    expect(String(call.activity.text)).toMatch(refusal);
    const again = await postActivity(server, activity, bearer());
    expect(again.status).toBe(200);
    await sleep(500);
    expect(replies().map((c) => String(c.activity.text))).toEqual([String(call.activity.text)]);
  });
});
