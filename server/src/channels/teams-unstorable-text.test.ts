/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
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
import { createWorkspaceWithId, newWorkspaceId, postActivity, sessionOf } from '../../test/teams-test-kit';
import { startTestServer, type TestServer } from '../../test/test-server';

// A Teams message whose text Postgres cannot store (a NUL, a lone surrogate) is refused the way
// the web channel refuses it (the message says why), never called too long; a long one still is.
let server: TestServer;
let connector: FakeBotConnector;
let identity: FakeBotIdentity;
const bot = { appId: '6a1d5c1e-0000-4000-8000-0000000a0001', password: 'unstorable-text-bot-password' };
const workspaceId = newWorkspaceId();
const ada = newUser('Ada Lovelace');

const bearer = () => ({
  authorization: `Bearer ${identity.channelToken({ appId: bot.appId, serviceUrl: connector.url })}`,
});
const levelOf = (line: string) => (JSON.parse(line) as { level: number }).level;

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

/** Sends `text` in a new personal chat; returns the text of Clara's message reply. */
async function replyTo(text: string): Promise<{ reply: string; conversationId: string }> {
  const a = teamsActivities({ serviceUrl: connector.url, botId: `28:${bot.appId}` });
  const conversation = newConversation('personal');
  const activity = a.message(conversation, ada, text);
  const res = await postActivity(server, activity, bearer());
  expect(res.status, await res.clone().text()).toBe(200);
  const call = await connector.waitFor(
    (c) => c.replyToId === activity.id && c.activity.type === 'message',
    10_000,
  );
  return { reply: String(call.activity.text), conversationId: conversation.id };
}

describe('a Teams message Postgres cannot store', () => {
  it.each([
    ['a NUL', 'What are your\u0000 opening hours?'],
    ['a lone surrogate', 'What are your opening hours? \ud83d'],
  ])(
    'with %s is refused as unstorable, not as too long; nothing stored, no error logged',
    async (_n, text) => {
      const from = server.logs.length;
      const { reply, conversationId } = await replyTo(text);
      expect(reply).not.toMatch(/too long/i);
      expect(reply).toMatch(/character I can’t store/);
      expect(await sessionOf(server, workspaceId, conversationId)).toHaveLength(0);
      expect(server.logs.slice(from).filter((l) => levelOf(l) >= 50)).toEqual([]);
    },
  );

  it('a message over 2,000 characters is still called too long', async () => {
    const { reply } = await replyTo(`What are your opening hours? ${'x'.repeat(2100)}`);
    expect(reply).toMatch(/too long/);
  });

  it('an ordinary message is answered from the knowledge base', async () => {
    const { reply } = await replyTo('What are your opening hours?');
    expect(reply).toContain('We are open 9 to 5.');
  });
});
