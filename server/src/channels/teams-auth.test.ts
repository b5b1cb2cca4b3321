/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */

import { format } from 'node:util';
import {
  type FakeBotConnector,
  type FakeBotIdentity,
  newConversation,
  newUser,
  startFakeBotConnector,
  startFakeBotIdentity,
  teamsActivities,
} from '@clara/testkit/teams';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWorkspaceWithId, newWorkspaceId, postActivity, sessionOf } from '../../test/teams-test-kit';
import { startTestServer, type TestServer } from '../../test/test-server';
import { connectTeamsBot } from './teams-bots';

// Authenticated mode: MICROSOFT_APP_* set, tokens checked against a local OpenID/JWKS fake.
let server: TestServer;
let connector: FakeBotConnector;
let identity: FakeBotIdentity;
const envBot = { appId: '6a1d5c1e-0000-4000-8000-00000000e0b1', password: 'env-bot-password-Zq8~secret' };
const dbBot = { appId: '6a1d5c1e-0000-4000-8000-0000000db0b2', password: 'db-bot-password-Xv2~secret' };
const workspaceA = newWorkspaceId();
let workspaceB: string;
const ada = newUser('Ada Lovelace');
const channelTokens: string[] = [];
// botbuilder prints rejected tokens' errors with console.error; kept here to check them too.
const consoleLines: string[] = [];

const pairsA = [
  {
    question: 'What are your opening hours?',
    answer: 'We are open 9 to 5, Monday to Friday.',
    category: 'general',
  },
  {
    question: 'Can I return an item?',
    answer: 'Returns are accepted within 30 days.',
    category: 'retention',
  },
];
const pairsB = [
  { question: 'What are your opening hours?', answer: 'Workspace B never closes.', category: 'general' },
];

function bearer(
  appId: string,
  options: { expiresIn?: number; unpublished?: boolean; serviceUrl?: string } = {},
) {
  const token = identity.channelToken(
    { appId, serviceUrl: options.serviceUrl ?? connector.url, expiresIn: options.expiresIn },
    options.unpublished ? identity.unpublishedKey() : undefined,
  );
  channelTokens.push(token);
  return { authorization: `Bearer ${token}` };
}

beforeAll(async () => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleLines.push(format(...args));
    });
  }
  connector = await startFakeBotConnector();
  identity = await startFakeBotIdentity();
  identity.registerApp(envBot.appId, envBot.password);
  identity.registerApp(dbBot.appId, dbBot.password);
  server = await startTestServer({
    env: {
      MICROSOFT_APP_ID: envBot.appId,
      MICROSOFT_APP_PASSWORD: envBot.password,
      MICROSOFT_APP_TYPE: 'SingleTenant',
      MICROSOFT_APP_TENANT_ID: '0d9b7f2e-1111-4222-8333-444455556666',
      TEAMS_WORKSPACE_ID: workspaceA,
      TEAMS_OPENID_METADATA_URL: identity.openIdMetadataUrl,
      TEAMS_TOKEN_ISSUER: identity.issuer,
      TEAMS_LOGIN_URL: identity.loginUrl,
    },
  });
  await createWorkspaceWithId(server, workspaceA);
  await server.addPairs(workspaceA, pairsA);
  ({ workspaceId: workspaceB } = await server.createWorkspace());
  await server.addPairs(workspaceB, pairsB);
  await connectTeamsBot(server.db, server.runtime.masterKey, {
    workspaceId: workspaceB,
    appId: dbBot.appId,
    credentials: { app_password: dbBot.password, app_type: 'MultiTenant' },
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await server?.close();
  await connector?.close();
  await identity?.close();
});

describe('POST /teams/messages (authenticated)', () => {
  it('accepts a valid Bot Framework token and replies with the bot’s own token', async () => {
    const a = teamsActivities({ serviceUrl: connector.url, botId: `28:${envBot.appId}` });
    const conversation = newConversation('personal');
    const activity = a.message(conversation, ada, 'What are your opening hours?');
    const res = await postActivity(server, activity, bearer(envBot.appId));
    expect(res.status).toBe(200);

    // A slow turn is answered after the POST (proactively): wait for it.
    const reply = await connector.waitFor(
      (c) => c.replyToId === activity.id && c.activity.type === 'message',
      10_000,
    );
    expect(reply?.activity.text).toBe(pairsA[0]?.answer);
    const outgoing = reply?.authorization?.replace(/^Bearer /, '') ?? '';
    expect(identity.issuedTokens.get(outgoing)).toBe(envBot.appId);
    const [session] = await sessionOf(server, workspaceA, conversation.id);
    expect(session?.metadata).toMatchObject({ channel: 'teams', bot_app_id: envBot.appId });
  });

  it('answers a bot connected through channel_connections from its own workspace', async () => {
    const a = teamsActivities({ serviceUrl: connector.url, botId: `28:${dbBot.appId}` });
    const conversation = newConversation('channel');
    const activity = a.mention(conversation, ada, 'What are your opening hours?');
    expect((await postActivity(server, activity, bearer(dbBot.appId))).status).toBe(200);

    // A slow turn is answered after the POST (proactively): wait for it.
    const reply = await connector.waitFor(
      (c) => c.replyToId === activity.id && c.activity.type === 'message',
      10_000,
    );
    expect(reply?.activity.text).toBe(pairsB[0]?.answer);
    expect(identity.issuedTokens.get(reply?.authorization?.replace(/^Bearer /, '') ?? '')).toBe(dbBot.appId);
    expect(await sessionOf(server, workspaceB, conversation.id)).toHaveLength(1);
    expect(await sessionOf(server, workspaceA, conversation.id)).toHaveLength(0);
  });

  const rejected: [string, () => Record<string, string>][] = [
    ['no token', () => ({})],
    ['a malformed header', () => ({ authorization: 'Bearer not-a-jwt' })],
    ['an expired token', () => bearer(envBot.appId, { expiresIn: -3600 })],
    ['a token for another app id', () => bearer('2f0c3e4a-9999-4aaa-8bbb-cccccccccccc')],
    ['a token signed by an unpublished key', () => bearer(envBot.appId, { unpublished: true })],
    ['a token for another serviceUrl', () => bearer(envBot.appId, { serviceUrl: 'http://127.0.0.1:9/' })],
  ];
  it.each(rejected)('rejects %s with 401 and processes nothing', async (_name, headers) => {
    const a = teamsActivities({ serviceUrl: connector.url, botId: `28:${envBot.appId}` });
    const conversation = newConversation('personal');
    const activity = a.message(conversation, ada, 'Can I return an item?');
    const before = connector.calls.length;
    const res = await postActivity(server, activity, headers());
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 'unauthorized', message: 'The request does not carry a valid Bot Framework token.' },
    });
    expect(connector.calls.length).toBe(before);
    expect(await sessionOf(server, workspaceA, conversation.id)).toHaveLength(0);
  });

  it('never writes an app password, a channel token or a bot token to the log or the console', () => {
    const logs = [...server.logs, ...consoleLines].join('\n');
    expect(consoleLines.some((line) => line.includes('AuthenticationError'))).toBe(true);
    expect(logs).toContain('teams request rejected');
    const secrets = [envBot.password, dbBot.password, ...channelTokens, ...identity.issuedTokens.keys()];
    expect(secrets.length).toBeGreaterThan(8);
    for (const secret of secrets) expect(logs).not.toContain(secret);
    expect(logs).not.toContain('Emulator mode');
  });
});
