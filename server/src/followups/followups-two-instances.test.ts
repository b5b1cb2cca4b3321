/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomBytes } from 'node:crypto';
import { eventEnvelope } from '@clara/channel-slack/testing';
import { listGapFollowups, upsertChannelConnection } from '@clara/supabase';
import { startWireDatabase, testDatabaseServer, type WireDatabase } from '@clara/supabase/testing';
import { type FakeSlackApi, startFakeSlackApi } from '@clara/testkit/slack';
import {
  type FakeBotConnector,
  type FakeBotIdentity,
  newConversation,
  newUser,
  startFakeBotConnector,
  startFakeBotIdentity,
  type TestConversation,
  teamsActivities,
} from '@clara/testkit/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, adminClient, signUpOwner } from '../../test/admin/admin-client';
import { answerIn, postToSlack } from '../../test/slack-test-kit';
import { startTestServer, type TestServer } from '../../test/test-server';
import { encryptSlackCredentials } from '../channels/slack-connections';
import { connectTeamsBot } from '../channels/teams-bots';
import { createFollowupDispatcher, type FollowupDispatcher } from './followup-dispatcher';
import { createFollowupSend } from './followup-senders';

// Two Clara servers on one database (native Postgres with CLARA_TEST_DATABASE=postgres, pools
// of 4; else PGlite behind pglite-socket), each running its own follow-up dispatcher, polling
// every 10 ms and also driven by hand at the same moments: every asker gets one follow-up.
const slackApp = {
  token: 'xoxb-444-two-instances-token',
  secret: 'two-instances-signing-secret',
  teamId: 'T0TWOINST',
  botId: 'B0TWOINST',
  botUserId: 'U0CLARA',
};
const askers = 8;
const teamsAskers = 4;
const bot = {
  appId: '6a1d5c1e-0000-4000-8000-0000000f0220',
  password: 'two-instances-bot-password-Zz9~secret',
};
let database: WireDatabase;
let slack: FakeSlackApi;
let connector: FakeBotConnector;
let identity: FakeBotIdentity;
let owner: AdminClient;
const instances: { server: TestServer; dispatcher: FollowupDispatcher }[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  database = await startWireDatabase({ maxConnections: 2 });
  slack = await startFakeSlackApi([
    { token: slackApp.token, teamId: slackApp.teamId, botId: slackApp.botId, botUserId: slackApp.botUserId },
  ]);
  connector = await startFakeBotConnector();
  identity = await startFakeBotIdentity();
  identity.registerApp(bot.appId, bot.password);
  const env = {
    TEAMS_OPENID_METADATA_URL: identity.openIdMetadataUrl,
    TEAMS_TOKEN_ISSUER: identity.issuer,
    TEAMS_LOGIN_URL: identity.loginUrl,
    // The fake Bot Connector's host, as an operator lists a private cloud's.
    TEAMS_SERVICE_HOSTS: '127.0.0.1',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: testDatabaseServer === 'postgres' ? '4' : '1',
    CLARA_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    CLARA_CHAT_RATE_PER_IP: '100000',
    CLARA_SIGNUP: 'open',
    SLACK_API_URL: slack.url,
    LOG_LEVEL: 'silent',
  };
  for (const name of ['a', 'b']) {
    // A migrates the database; B starts on it as a second instance would.
    const server = await startTestServer({ db: 'env', migrate: name === 'a', env });
    const { runtime } = server;
    const dispatcher = createFollowupDispatcher({
      db: runtime.db,
      logger: runtime.logger,
      send: createFollowupSend(runtime),
      everyMs: 10,
      backoffMs: 50,
    });
    instances.push({ server, dispatcher });
  }
  const [a] = instances;
  if (!a) throw new Error('no instance started');
  owner = await signUpOwner(a.server.url);
  await upsertChannelConnection(a.server.runtime.db, {
    workspaceId: owner.workspaceId,
    channel: 'slack',
    externalId: slackApp.teamId,
    encryptedCredentials: encryptSlackCredentials(
      { bot_token: slackApp.token, signing_secret: slackApp.secret },
      a.server.runtime.masterKey,
    ),
  });
  await connectTeamsBot(a.server.runtime.db, a.server.runtime.masterKey, {
    workspaceId: owner.workspaceId,
    appId: bot.appId,
    credentials: { app_password: bot.password, app_type: 'MultiTenant' },
  });
});

afterAll(async () => {
  for (const i of instances) {
    await i.dispatcher.stop();
    await i.server.close();
  }
  await slack?.close();
  await connector?.close();
  await identity?.close();
  await database?.stop();
});

describe('follow-ups with two instances on one database', () => {
  it('sends each Slack and Teams asker exactly one follow-up, whichever instance resolves and sends', async () => {
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const threads: { ts: string; question: string }[] = [];
    for (let i = 0; i < askers; i++) {
      const ts = `1820000${String(i).padStart(3, '0')}.000300`;
      const question = `Do you stock spare part number ${1000 + i} for the old tandem?`;
      const event = {
        type: 'app_mention',
        user: `U0ASK${i}`,
        text: `<@${slackApp.botUserId}> ${question}`,
        ts,
        channel: 'C0TWO',
        event_ts: ts,
      };
      // Questions arrive on either instance.
      const url = (i % 2 === 0 ? a : b).server.url;
      expect((await postToSlack(url, slackApp.secret, eventEnvelope(slackApp.teamId, event))).status).toBe(
        200,
      );
      await answerIn(slack, 'C0TWO', ts);
      threads.push({ ts, question });
    }
    // Teams askers in personal chats, their questions also arriving on either instance.
    const activities = teamsActivities({ serviceUrl: connector.url, botId: `28:${bot.appId}` });
    const chats: { conversation: TestConversation; question: string }[] = [];
    for (let i = 0; i < teamsAskers; i++) {
      const conversation = newConversation('personal');
      const question = `Can you order a replacement saddle model ${2000 + i}?`;
      const activity = activities.message(conversation, newUser(`Asker ${i}`), question);
      const token = identity.channelToken({ appId: bot.appId, serviceUrl: connector.url });
      const res = await fetch(`${(i % 2 === 0 ? b : a).server.url}/teams/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(activity),
      });
      expect(res.status).toBe(200);
      await connector.waitFor((c) => c.replyToId === activity.id && c.activity.type === 'message', 10_000);
      chats.push({ conversation, question });
    }
    const all = [...threads.map((t) => t.question), ...chats.map((c) => c.question)];
    const { body } = await owner.json('GET', '/api/admin/gaps?status=open&limit=100');
    const gaps = all.map((question) => body.items.find((g: any) => g.question === question));
    expect(gaps.every(Boolean)).toBe(true);
    const total = gaps.length;

    for (const i of instances) i.dispatcher.start();
    // Half resolved one by one on A, the rest as one group on B, while both dispatchers poll.
    const onA = adminOn(a.server.url);
    for (const gap of gaps.slice(0, total / 2)) {
      const res = await onA.json('POST', `/api/admin/gaps/${gap.id}/resolve`, {
        answer: `Yes, part ${gap.question.match(/\d+/)?.[0]} is in stock.`,
        category: 'general',
      });
      expect(res.status).toBe(200);
    }
    const onB = adminOn(b.server.url);
    const group = await onB.json('POST', '/api/admin/gaps/groups/resolve', {
      gap_ids: gaps.slice(total / 2).map((g: any) => g.id),
      answer: 'Yes, every tandem part and saddle is in stock.',
      category: 'general',
      phrasings: false,
    });
    expect(group.status).toBe(200);
    // And by hand, on both at once, until every follow-up is out.
    for (let round = 0; round < 50; round++) {
      await Promise.all([
        a.dispatcher.runOnce(),
        b.dispatcher.runOnce(),
        a.dispatcher.runOnce(),
        b.dispatcher.runOnce(),
      ]);
      const rows = await listGapFollowups(a.server.runtime.db, owner.workspaceId);
      if (rows.length === total && rows.every((r) => r.status === 'sent')) break;
      await sleep(20);
    }
    await sleep(100);

    const rows = await listGapFollowups(a.server.runtime.db, owner.workspaceId);
    expect(rows).toHaveLength(total);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    const followups = slack
      .callsTo('chat.postMessage')
      .filter((c) => JSON.stringify(c.args.blocks ?? []).includes('has an answer now'));
    expect(followups).toHaveLength(askers);
    for (const t of threads) {
      const inThread = followups.filter((c) => c.args.thread_ts === t.ts);
      expect(inThread).toHaveLength(1);
      expect(JSON.stringify(inThread[0]?.args.blocks)).toContain(t.question);
    }
    // Each Teams chat got one proactive message (no reply-to) carrying its question.
    for (const c of chats) {
      const proactive = connector.calls.filter(
        (call) =>
          call.conversationId === c.conversation.id &&
          call.replyToId === null &&
          call.activity.type === 'message' &&
          // The question is in the follow-up's plain-text card, not its Markdown.
          JSON.stringify(call.activity.attachments ?? []).includes(c.question),
      );
      expect(proactive).toHaveLength(1);
    }
  });
});

/** The owner's session on another instance (sessions live in the shared database). */
function adminOn(url: string): AdminClient {
  const client = adminClient(url, owner);
  for (const [name, value] of owner.cookies) client.cookies.set(name, value);
  return client;
}
