/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { createServer } from 'node:net';
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

// Activities with a valid Bot Framework token that Clara cannot handle: ids Postgres cannot
// store, a serviceUrl nobody answers at, and text with no visible character.
let server: TestServer;
let connector: FakeBotConnector;
let identity: FakeBotIdentity;
let deadUrl: string;
const bot = { appId: '6a1d5c1e-0000-4000-8000-00000000bad1', password: 'bad-activity-bot-password' };
const workspaceId = newWorkspaceId();
const ada = newUser('Ada Lovelace');

const bearer = (serviceUrl = connector.url) => ({
  authorization: `Bearer ${identity.channelToken({ appId: bot.appId, serviceUrl })}`,
});
const levelOf = (line: string) => (JSON.parse(line) as { level: number }).level;
const linesSince = (from: number) => server.logs.slice(from);

/** A loopback URL whose port refuses connections (bound, then closed). */
async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}

beforeAll(async () => {
  connector = await startFakeBotConnector();
  identity = await startFakeBotIdentity();
  identity.registerApp(bot.appId, bot.password);
  deadUrl = await closedPortUrl();
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

describe('a signed Teams activity with ids Postgres cannot store', () => {
  const a = () => teamsActivities({ serviceUrl: connector.url, botId: `28:${bot.appId}` });
  const cases: [string, (activity: any) => void][] = [
    ['a NUL in conversation.id', (x) => (x.conversation.id = `a:1bad\u0000id`)],
    ['a lone surrogate in conversation.id', (x) => (x.conversation.id = `a:1bad\ud800id`)],
    ['a NUL in id', (x) => (x.id = `17\u000099`)],
    ['a lone surrogate in id', (x) => (x.id = `17\ud80099`)],
    ['a NUL in from.id', (x) => (x.from.id = `29:1\u0000x`)],
  ];
  it.each(cases)(
    'is refused with 400 validation_failed, no error logged, nothing sent or stored: %s',
    async (_n, spoil) => {
      const conversation = newConversation('personal');
      // A deep copy: the builder shares `from` (ada) between activities.
      const activity: any = structuredClone(a().message(conversation, ada, 'What are your opening hours?'));
      spoil(activity);
      const from = server.logs.length;
      const before = connector.calls.length;
      const res = await postActivity(server, activity, bearer());
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).error).toMatchObject({
        code: 'validation_failed',
        message: expect.stringMatching(/cannot be stored/),
      });
      expect(linesSince(from).filter((l) => levelOf(l) >= 50)).toEqual([]);
      expect(connector.calls.length).toBe(before);
      const [events] = await server.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM channel_events WHERE channel = 'teams'",
      );
      const [sessions] = await server.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM chat_sessions WHERE workspace_id = $1',
        [workspaceId],
      );
      expect({ events: events?.n, sessions: sessions?.n }).toEqual({ events: 0, sessions: 0 });
    },
  );
});

describe('a signed Teams activity whose serviceUrl cannot be reached', () => {
  it('is a 503 unavailable with one warning naming the host, never a 500 or an error line', async () => {
    const dead = teamsActivities({ serviceUrl: deadUrl, botId: `28:${bot.appId}` });
    const conversation = newConversation('personal');
    const activity = dead.message(conversation, ada, 'What are your opening hours?');
    const from = server.logs.length;
    // The token names the same serviceUrl, so the request is authentic.
    const res = await postActivity(server, activity, bearer(deadUrl));
    expect(res.status, await res.clone().text()).toBe(503);
    expect(((await res.json()) as any).error.code).toBe('unavailable');
    const lines = linesSince(from);
    expect(lines.filter((l) => levelOf(l) >= 50)).toEqual([]);
    const warnings = lines.filter((l) => levelOf(l) === 40);
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0] ?? '{}')).toMatchObject({ host: '127.0.0.1', cause: 'econnrefused' });
    // The claim is released: a redelivery (once the connector is back) is answered.
    const [events] = await server.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM channel_events WHERE channel = 'teams' AND event_id LIKE $1",
      [`%|${activity.id}`],
    );
    expect(events?.n).toBe(0);
  });

  it('still refuses a token issued for another serviceUrl (401)', async () => {
    const dead = teamsActivities({ serviceUrl: deadUrl, botId: `28:${bot.appId}` });
    const activity = dead.message(newConversation('personal'), ada, 'What are your opening hours?');
    expect((await postActivity(server, activity, bearer(connector.url))).status).toBe(401);
  });
});

describe('a signed Teams message with no visible character', () => {
  it('is answered like an empty message (the welcome), with no turn, no session and no gap', async () => {
    const a = teamsActivities({ serviceUrl: connector.url, botId: `28:${bot.appId}` });
    for (const text of ['\u3164\u115f', '\u2800\u2800', '\u0301\u0301\u0301', '\ufe0f\ufe0f']) {
      const conversation = newConversation('personal');
      const activity = a.message(conversation, ada, text);
      expect((await postActivity(server, activity, bearer())).status).toBe(200);
      const reply = await connector.waitFor(
        (c) => c.replyToId === activity.id && c.activity.type === 'message',
        10_000,
      );
      expect(reply?.activity.text, JSON.stringify(text)).toBe('Hi! How can I help you today?');
      expect(await sessionOf(server, workspaceId, conversation.id)).toHaveLength(0);
    }
    const [gaps] = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM qa_gaps WHERE workspace_id = $1',
      [workspaceId],
    );
    expect(gaps?.n).toBe(0);
  });
});
