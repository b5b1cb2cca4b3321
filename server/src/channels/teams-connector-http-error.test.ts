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
import { createWorkspaceWithId, newWorkspaceId, postActivity } from '../../test/teams-test-kit';
import { startTestServer, type TestServer } from '../../test/test-server';

// The Bot Connector (the activity's serviceUrl) answers a send with an HTTP error while the
// request is still open: like an unreachable serviceUrl, a 503 `unavailable` with one warning
// (the claim released, so Bot Framework's redelivery is answered), never a 500 or an error line.
let server: TestServer;
let connector: FakeBotConnector;
let identity: FakeBotIdentity;
const bot = { appId: '6a1d5c1e-0000-4000-8000-0000000c0de5', password: 'connector-http-error-password' };
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

const question = () => {
  const a = teamsActivities({ serviceUrl: connector.url, botId: `28:${bot.appId}` });
  return a.message(newConversation('personal'), ada, 'What are your opening hours?');
};

describe('a Bot Connector that answers a send with an HTTP error inside the request', () => {
  it.each([
    ['the reply', 403, 'message'],
    ['the reply', 404, 'message'],
    ['the typing indicator', 403, 'typing'],
  ])(
    'refusing %s with %i is a 503 unavailable, one warning, and a redelivery is answered',
    async (_n, status, type) => {
      const activity = question();
      connector.refuseNext(status, { type });
      const from = server.logs.length;
      const res = await postActivity(server, activity, bearer());
      const body = (await res.json()) as any;
      expect(res.status, JSON.stringify(body)).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(body.error).toEqual({
        code: 'unavailable',
        message: expect.stringMatching(new RegExp(`Bot Connector .*HTTP ${status}`)),
      });
      const lines = server.logs.slice(from);
      expect(lines.filter((l) => levelOf(l) >= 50)).toEqual([]);
      const warnings = lines.filter((l) => levelOf(l) === 40).map((l) => JSON.parse(l));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ host: '127.0.0.1', cause: `http_${status}` });
      expect(lines.join('\n')).not.toMatch(/Bearer|authorization/i);
      // The claim was released: Bot Framework's redelivery of the same activity is answered.
      const again = await postActivity(server, activity, bearer());
      expect(again.status).toBe(200);
      const reply = await connector.waitFor(
        (c) => c.replyToId === activity.id && c.activity.type === 'message' && c.status === 200,
        10_000,
      );
      expect(reply.activity.text).toContain('We are open 9 to 5.');
    },
  );

  it('a 5xx the SDK retries past is answered: 200 and the reply delivered', async () => {
    const activity = question();
    connector.refuseNext(500, { type: 'message' });
    const res = await postActivity(server, activity, bearer());
    expect(res.status).toBe(200);
    const reply = await connector.waitFor(
      (c) => c.replyToId === activity.id && c.activity.type === 'message' && c.status === 200,
      10_000,
    );
    expect(reply.activity.text).toContain('We are open 9 to 5.');
  });
});

describe('a Bot Connector that keeps answering 5xx', () => {
  it('is acknowledged (200) once the answer outlasts the ack window, then one warning, no error line', async () => {
    const activity = question();
    connector.refuseNext(503, { type: 'message', times: 50 });
    const from = server.logs.length;
    try {
      expect((await postActivity(server, activity, bearer())).status).toBe(200);
      const deadline = Date.now() + 30_000;
      const failed = () =>
        server.logs.slice(from).find((l) => l.includes('teams answer failed after the acknowledgement'));
      while (!failed() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(JSON.parse(failed() ?? '{}')).toMatchObject({
        level: 40,
        unreachable: { host: '127.0.0.1', cause: 'http_503' },
      });
      expect(server.logs.slice(from).filter((l) => levelOf(l) >= 50)).toEqual([]);
    } finally {
      connector.stopRefusing();
    }
  }, 40_000);
});
