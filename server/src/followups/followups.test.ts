/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { feedbackActionIds } from '@clara/channel-slack';
import { blockActionsBody, eventEnvelope } from '@clara/channel-slack/testing';
import {
  deactivateChannelConnection,
  listGapFollowups,
  upsertChannelConnection,
  withOwner,
} from '@clara/supabase';
import { type FakeSlackApi, startFakeSlackApi } from '@clara/testkit/slack';
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
import { type AdminClient, signUpOwner } from '../../test/admin/admin-client';
import { answerIn, postToSlack, slackSession } from '../../test/slack-test-kit';
import { postActivity } from '../../test/teams-test-kit';
import { startTestServer, type TestServer } from '../../test/test-server';
import { encryptSlackCredentials } from '../channels/slack-connections';
import { connectTeamsBot } from '../channels/teams-bots';
import { createFollowupDispatcher, type FollowupDispatcher, followupMessageId } from './followup-dispatcher';
import { createFollowupSend } from './followup-senders';

// A workspace connected to a Slack app (channel_connections) and a Teams bot (authenticated,
// tokens from the local identity fake); gaps are resolved through the admin API as the owner.
const slackApp = {
  token: 'xoxb-333-followup-app-token',
  secret: 'followup-signing-secret-cccc',
  teamId: 'T0FOLLOW',
  botId: 'B0FOLLOW',
  botUserId: 'U0CLARA',
};
// An org-wide Enterprise Grid install, stored under the org id (E…), in another owner's workspace.
const gridApp = {
  token: 'xoxb-444-grid-org-token',
  secret: 'grid-signing-secret-dddd',
  enterpriseId: 'E0FOLLOW',
  botId: 'B0GRID',
  botUserId: 'U0CLARAG',
};
const bot = { appId: '6a1d5c1e-0000-4000-8000-0000000f0110', password: 'followup-bot-password-Qq1~secret' };
const pairs = [
  {
    question: 'What are your opening hours?',
    answer: 'We are open 9 to 5, Monday to Friday.',
    category: 'general',
  },
  { question: 'Do you ship internationally?', answer: 'We ship to 30 countries.', category: 'general' },
];

let slack: FakeSlackApi;
let connector: FakeBotConnector;
let identity: FakeBotIdentity;
let server: TestServer;
let owner: AdminClient;
let dispatcher: FollowupDispatcher;

let seq = 0;
const nextTs = () => `1810000${String(++seq).padStart(3, '0')}.000200`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Asks Clara in a Slack channel thread and waits for the (gap) answer; returns the thread's ts. */
async function askInSlack(question: string, channel = 'C0FOLLOW') {
  const ts = nextTs();
  const event = {
    type: 'app_mention',
    user: 'U0ASKER',
    text: `<@${slackApp.botUserId}> ${question}`,
    ts,
    channel,
    event_ts: ts,
  };
  slack.addMessage(channel, { ts, user: 'U0ASKER', text: event.text });
  const res = await postToSlack(server.url, slackApp.secret, eventEnvelope(slackApp.teamId, event));
  expect(res.status).toBe(200);
  await answerIn(slack, channel, ts);
  return ts;
}

async function openGap(question: string, who?: AdminClient): Promise<any> {
  for (let i = 0; i < 50; i++) {
    const { body } = await (who ?? owner).json('GET', '/api/admin/gaps?status=open');
    const gap = body.items.find((g: any) => g.question === question);
    if (gap) return gap;
    await sleep(50);
  }
  throw new Error(`no open gap for ${question}`);
}

const followupPosts = () =>
  slack
    .callsTo('chat.postMessage')
    .filter((c) => JSON.stringify(c.args.blocks ?? []).includes('has an answer now'));

beforeAll(async () => {
  slack = await startFakeSlackApi([
    { token: slackApp.token, teamId: slackApp.teamId, botId: slackApp.botId, botUserId: slackApp.botUserId },
    {
      token: gridApp.token,
      teamId: 'T0GRIDONE',
      botId: gridApp.botId,
      botUserId: gridApp.botUserId,
      enterpriseId: gridApp.enterpriseId,
    },
  ]);
  connector = await startFakeBotConnector();
  identity = await startFakeBotIdentity();
  identity.registerApp(bot.appId, bot.password);
  server = await startTestServer({
    env: {
      SLACK_API_URL: slack.url,
      TEAMS_OPENID_METADATA_URL: identity.openIdMetadataUrl,
      TEAMS_TOKEN_ISSUER: identity.issuer,
      TEAMS_LOGIN_URL: identity.loginUrl,
      // The fake Bot Connector's host, as an operator lists a private cloud's.
      TEAMS_SERVICE_HOSTS: '127.0.0.1',
    },
  });
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, pairs);
  await upsertChannelConnection(server.db, {
    workspaceId: owner.workspaceId,
    channel: 'slack',
    externalId: slackApp.teamId,
    encryptedCredentials: encryptSlackCredentials(
      { bot_token: slackApp.token, signing_secret: slackApp.secret },
      server.runtime.masterKey,
    ),
  });
  await connectTeamsBot(server.db, server.runtime.masterKey, {
    workspaceId: owner.workspaceId,
    appId: bot.appId,
    credentials: { app_password: bot.password, app_type: 'MultiTenant' },
  });
  dispatcher = createFollowupDispatcher({
    db: server.db,
    logger: server.runtime.logger,
    send: createFollowupSend(server.runtime),
    maxAttempts: 3,
    backoffMs: 200,
  });
});

afterAll(async () => {
  await dispatcher?.stop();
  await server?.close();
  await slack?.close();
  await connector?.close();
  await identity?.close();
});

describe('follow-ups when a gap is answered', () => {
  it('tells a Slack asker once, in their thread, with the question, the answer and working thumbs', async () => {
    const question = 'Can I bring my dog to the store?';
    const threadTs = await askInSlack(question);
    const gap = await openGap(question);
    const answer = 'Yes, well-behaved dogs on a lead are welcome.';
    const resolved = await owner.json('POST', `/api/admin/gaps/${gap.id}/resolve`, {
      answer,
      category: 'general',
    });
    expect(resolved.status).toBe(200);

    expect(await dispatcher.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    const posts = followupPosts();
    expect(posts).toHaveLength(1);
    const post = posts[0] as any;
    expect(post.token).toBe(slackApp.token);
    expect(post.args).toMatchObject({ channel: 'C0FOLLOW', thread_ts: threadTs });
    const blocks = JSON.stringify(post.args.blocks);
    expect(blocks).toContain(question);
    expect(blocks).toContain(answer);
    expect(String(post.args.text)).toContain(answer);
    const messageId = followupMessageId(gap.id);
    const thumbs = post.args.blocks.find((b: any) => b.block_id === 'clara_feedback');
    expect(thumbs.elements.map((e: any) => [e.action_id, e.value])).toEqual([
      [feedbackActionIds.up, messageId],
      [feedbackActionIds.down, messageId],
    ]);

    // The follow-up is in the thread's session, and its thumbs rate it like any answer.
    const token = `slack:${slackApp.teamId}:C0FOLLOW:${threadTs}`;
    const click = await postToSlack(
      server.url,
      slackApp.secret,
      blockActionsBody({
        teamId: slackApp.teamId,
        userId: 'U0ASKER',
        channelId: 'C0FOLLOW',
        message: { ts: String(post.response?.ts), thread_ts: threadTs },
        actionId: feedbackActionIds.up,
        value: messageId,
      }),
      { path: '/slack/interactions' },
    );
    expect(click.status).toBe(200);
    await slack.waitForCall(
      (c) => c.method === 'chat.postEphemeral' && String(c.args.text).startsWith('Thanks'),
    );
    const session = await slackSession(server.db, owner.workspaceId, token);
    const stored = session?.messages.find((m) => m.message_id === messageId) as any;
    expect(stored).toMatchObject({ role: 'assistant', content: answer, feedback: 'up' });
    expect(await listGapFollowups(server.db, owner.workspaceId)).toEqual([
      expect.objectContaining({ gap_id: gap.id, channel: 'slack', status: 'sent', attempts: 1 }),
    ]);
  });

  it('tells a DM asker at the top level of the DM (no thread)', async () => {
    const question = 'Do you sell helmets for toddlers?';
    const ts = nextTs();
    const event = {
      type: 'message',
      channel: 'D0DMASK',
      channel_type: 'im',
      user: 'U0ASKER',
      text: question,
      ts,
    };
    expect(
      (await postToSlack(server.url, slackApp.secret, eventEnvelope(slackApp.teamId, event))).status,
    ).toBe(200);
    await answerIn(slack, 'D0DMASK', undefined);
    const gap = await openGap(question);
    const answer = 'Yes, from size 44 cm.';
    expect(
      (await owner.json('POST', `/api/admin/gaps/${gap.id}/resolve`, { answer, category: 'general' })).status,
    ).toBe(200);
    expect(await dispatcher.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    const [post] = followupPosts().filter((c) => c.args.channel === 'D0DMASK');
    expect(post?.args.thread_ts).toBeUndefined();
    expect(JSON.stringify(post?.args.blocks)).toContain(answer);
  });

  it('follows up a gap linked to an existing pair, alone or as a group, with that pair’s answer', async () => {
    const alone = 'Is the shop wheelchair accessible?';
    const grouped = 'Do you have a toilet customers can use?';
    const threads = [await askInSlack(alone, 'C0LINK'), await askInSlack(grouped, 'C0LINK')];
    const [one, two] = [await openGap(alone), await openGap(grouped)];
    const pairs = (await owner.json('GET', '/api/admin/knowledge')).body.items;
    const hours = pairs.find((p: any) => p.question === 'What are your opening hours?');
    expect((await owner.json('POST', `/api/admin/gaps/${one.id}/link`, { qa_id: hours.id })).status).toBe(
      200,
    );
    const group = await owner.json('POST', '/api/admin/gaps/groups/link', {
      gap_ids: [two.id],
      qa_id: hours.id,
    });
    expect(group.status).toBe(200);
    expect(await dispatcher.runOnce()).toEqual({ sent: 2, retried: 0, failed: 0 });
    for (const ts of threads) {
      const posts = followupPosts().filter((c) => c.args.channel === 'C0LINK' && c.args.thread_ts === ts);
      expect(posts).toHaveLength(1);
      expect(JSON.stringify(posts[0]?.args.blocks)).toContain('We are open 9 to 5, Monday to Friday.');
    }
  });

  it('tells a Teams asker once with a proactive message signed by the bot, with the feedback card', async () => {
    const a = teamsActivities({ serviceUrl: connector.url, botId: `28:${bot.appId}` });
    const conversation = newConversation('personal');
    const question = 'Do you repair electric scooters?';
    const activity = a.message(conversation, newUser('Grace Hopper'), question);
    const token = identity.channelToken({ appId: bot.appId, serviceUrl: connector.url });
    const res = await postActivity(server, activity, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    await connector.waitFor((c) => c.replyToId === activity.id && c.activity.type === 'message', 10_000);
    const gap = await openGap(question);
    // Resolved through the grouped inbox: every path that resolves a gap writes the follow-up.
    const answer = 'No, we only repair bicycles and e-bikes.';
    const resolved = await owner.json('POST', '/api/admin/gaps/groups/resolve', {
      gap_ids: [gap.id],
      answer,
      category: 'general',
    });
    expect(resolved.status).toBe(200);
    const before = connector.calls.length;

    expect(await dispatcher.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    const sent = connector.calls.slice(before);
    expect(sent).toHaveLength(1);
    const call = sent[0] as any;
    expect(call.conversationId).toBe(conversation.id);
    expect(call.replyToId).toBeNull();
    expect(identity.issuedTokens.get(String(call.authorization).replace(/^Bearer /, ''))).toBe(bot.appId);
    expect(call.activity.type).toBe('message');
    expect(JSON.stringify(call.activity.attachments)).toContain(question);
    expect(call.activity.text).toContain(answer);
    const card = JSON.stringify(call.activity.attachments);
    expect(card).toContain(`"message_id":"${followupMessageId(gap.id)}"`);
    expect(card).toContain('"clara_action":"feedback"');

    // 👎 on the follow-up is stored on it and files its question again (not another one).
    const submit = a.submit(conversation, newUser('Grace Hopper'), {
      clara_action: 'feedback',
      rating: 'down',
      message_id: followupMessageId(gap.id),
    });
    const again = identity.channelToken({ appId: bot.appId, serviceUrl: connector.url });
    expect((await postActivity(server, submit, { authorization: `Bearer ${again}` })).status).toBe(200);
    const refiled = await openGap(question);
    expect(refiled.id).not.toBe(gap.id);
    expect(refiled.ai_answer).toBe(answer);
  });

  it('sends nothing when the workspace switched follow-ups off', async () => {
    const off = await owner.json('PATCH', '/api/admin/settings', { settings: { followups_enabled: false } });
    expect(off.status).toBe(200);
    const question = 'Is there parking near the shop?';
    await askInSlack(question);
    const gap = await openGap(question);
    const target = (await owner.json('GET', '/api/admin/knowledge')).body;
    const pair = target.items.find((p: any) => p.question === pairs[0]?.question);
    expect((await owner.json('POST', `/api/admin/gaps/${gap.id}/link`, { qa_id: pair.id })).status).toBe(200);
    const posted = followupPosts().length;
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(followupPosts()).toHaveLength(posted);
    expect((await listGapFollowups(server.db, owner.workspaceId)).map((f) => f.gap_id)).not.toContain(gap.id);
    await owner.json('PATCH', '/api/admin/settings', { settings: { followups_enabled: true } });
  });

  it('never writes to a widget visitor, and shows the owner who asked with their email', async () => {
    const question = 'Do you sell gift cards?';
    const res = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        workspace_id: owner.workspaceId,
        session_token: randomUUID(),
        message_id: randomUUID(),
        message: question,
        visitor: { name: 'Ada Lovelace', email: 'ada@example.com' },
      }),
    });
    expect(res.status).toBe(200);
    const gap = await openGap(question);
    expect(gap).toMatchObject({
      channel: 'web',
      asked_by: { name: 'Ada Lovelace', email: 'ada@example.com' },
    });
    const groups = (await owner.json('GET', '/api/admin/gaps/groups')).body.groups;
    const inGroup = groups.flatMap((g: any) => g.gaps).find((g: any) => g.id === gap.id);
    expect(inGroup.asked_by).toEqual({ name: 'Ada Lovelace', email: 'ada@example.com' });
    const answer = 'Yes, from $10.';
    expect(
      (await owner.json('POST', `/api/admin/gaps/${gap.id}/resolve`, { answer, category: 'general' })).status,
    ).toBe(200);
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect((await listGapFollowups(server.db, owner.workspaceId)).map((f) => f.gap_id)).not.toContain(gap.id);
  });

  it('retries a failing follow-up with back-off, then gives up and logs it', async () => {
    const question = 'Do you offer bike fitting sessions?';
    await askInSlack(question, 'C0FLAKY');
    const gap = await openGap(question);
    expect(
      (
        await owner.json('POST', `/api/admin/gaps/${gap.id}/resolve`, {
          answer: 'Yes, 45 minutes.',
          category: 'general',
        })
      ).status,
    ).toBe(200);
    for (let i = 0; i < 3; i++) slack.failNext('chat.postMessage', 'internal_error');

    expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    // Not due yet: the back-off holds it.
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    await sleep(250);
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    await sleep(450);
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
    await sleep(450);
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    const row = (await listGapFollowups(server.db, owner.workspaceId)).find((f) => f.gap_id === gap.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, last_error: 'internal_error' });
    const given = server.logs
      .map((l) => JSON.parse(l))
      .find((l) => l.msg === 'follow-up given up' && l.gap_id === gap.id);
    expect(given).toMatchObject({ level: 50, attempts: 3, error: 'internal_error', channel: 'slack' });
    // Three attempts reached Slack; none was posted; no token in any log line.
    const attempts = followupPosts().filter((c) => c.args.channel === 'C0FLAKY');
    expect(attempts.map((c) => c.response?.ok)).toEqual([false, false, false]);
    expect(server.logs.join('\n')).not.toContain(slackApp.token);
    expect(server.logs.join('\n')).not.toContain(bot.password);
  });

  it('gives up at once when Slack says the bot can no longer post there', async () => {
    const question = 'Can I pay with bitcoin?';
    await askInSlack(question, 'C0GONE');
    const gap = await openGap(question);
    expect(
      (
        await owner.json('POST', `/api/admin/gaps/${gap.id}/resolve`, {
          answer: 'No, cards and cash only.',
          category: 'general',
        })
      ).status,
    ).toBe(200);
    slack.failNext('chat.postMessage', 'channel_not_found');
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
    const row = (await listGapFollowups(server.db, owner.workspaceId)).find((f) => f.gap_id === gap.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, last_error: 'channel_not_found' });
  });

  it('sends nothing through a Slack app that was uninstalled, and says why', async () => {
    const question = 'Do you rent out cargo bikes for the weekend?';
    await askInSlack(question, 'C0UNINST');
    const gap = await openGap(question);
    await deactivateChannelConnection(server.db, {
      channel: 'slack',
      externalId: slackApp.teamId,
      workspaceId: owner.workspaceId,
    });
    const posted = followupPosts().length;
    expect(
      (
        await owner.json('POST', `/api/admin/gaps/${gap.id}/resolve`, {
          answer: 'Yes, 40 a day.',
          category: 'general',
        })
      ).status,
    ).toBe(200);
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(followupPosts()).toHaveLength(posted);
    const row = (await listGapFollowups(server.db, owner.workspaceId)).find((f) => f.gap_id === gap.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, last_error: 'slack_not_connected' });
  });

  it('sends nothing through a Teams bot that now answers for another workspace', async () => {
    const a = teamsActivities({ serviceUrl: connector.url, botId: `28:${bot.appId}` });
    const conversation = newConversation('personal');
    const question = 'Can I leave my bike with you overnight?';
    const activity = a.message(conversation, newUser('Alan Turing'), question);
    const token = identity.channelToken({ appId: bot.appId, serviceUrl: connector.url });
    expect((await postActivity(server, activity, { authorization: `Bearer ${token}` })).status).toBe(200);
    await connector.waitFor((c) => c.replyToId === activity.id && c.activity.type === 'message', 10_000);
    const gap = await openGap(question);
    const { workspaceId: elsewhere } = await server.createWorkspace();
    await connectTeamsBot(server.db, server.runtime.masterKey, {
      workspaceId: elsewhere,
      appId: bot.appId,
      credentials: { app_password: bot.password, app_type: 'MultiTenant' },
    });
    expect(
      (
        await owner.json('POST', `/api/admin/gaps/${gap.id}/resolve`, {
          answer: 'Yes, for free.',
          category: 'general',
        })
      ).status,
    ).toBe(200);
    const before = connector.calls.length;
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(connector.calls.length).toBe(before);
    const row = (await listGapFollowups(server.db, owner.workspaceId)).find((f) => f.gap_id === gap.id);
    expect(row).toMatchObject({ status: 'failed', last_error: 'teams_not_connected' });
  });
  it('never sends a Teams follow-up (and the bot token) to a service URL the owner wrote into the session', async () => {
    // Attack: role authenticated may update its own chat_sessions.metadata; service_url pointed at
    // an internal or attacker host would receive the bot's Bot Framework token with the follow-up.
    const received: string[] = [];
    const trap = createServer((req, res) => {
      received.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"x"}');
    });
    await new Promise<void>((r) => trap.listen(0, '127.0.0.1', r));
    const trapUrl = `http://localhost:${(trap.address() as AddressInfo).port}/`;
    try {
      // The bot back in the owner's workspace (the test before moved it).
      await connectTeamsBot(server.db, server.runtime.masterKey, {
        workspaceId: owner.workspaceId,
        appId: bot.appId,
        credentials: { app_password: bot.password, app_type: 'MultiTenant' },
      });
      const a = teamsActivities({ serviceUrl: connector.url, botId: `28:${bot.appId}` });
      const conversation = newConversation('personal');
      const question = 'Does the shop have a café for customers?';
      const activity = a.message(conversation, newUser('Hedy Lamarr'), question);
      const token = identity.channelToken({ appId: bot.appId, serviceUrl: connector.url });
      expect((await postActivity(server, activity, { authorization: `Bearer ${token}` })).status).toBe(200);
      await connector.waitFor((c) => c.replyToId === activity.id && c.activity.type === 'message', 10_000);
      const gap = await openGap(question);
      const [ws] = await server.db.query<{ owner_id: string }>(
        'select owner_id from workspaces where id = $1',
        [owner.workspaceId],
      );
      const updated = await withOwner(server.db, { id: String(ws?.owner_id) }, (tx) =>
        tx.query(
          `update chat_sessions set metadata = metadata || jsonb_build_object('service_url', $1::text)
            where workspace_id = $2 and metadata->>'conversation_id' = $3 returning id`,
          [trapUrl, owner.workspaceId, conversation.id],
        ),
      );
      expect(updated).toHaveLength(1);
      expect(
        (
          await owner.json('POST', `/api/admin/gaps/${gap.id}/resolve`, {
            answer: 'Yes.',
            category: 'general',
          })
        ).status,
      ).toBe(200);
      const before = connector.calls.length;
      expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
      expect(received).toEqual([]);
      expect(connector.calls.length).toBe(before);
      const row = (await listGapFollowups(server.db, owner.workspaceId)).find((f) => f.gap_id === gap.id);
      expect(row).toMatchObject({ status: 'failed', attempts: 1, last_error: 'service_url_not_allowed' });
    } finally {
      await new Promise((r) => trap.close(r));
    }
  });
  it('tells a Slack asker in an Enterprise Grid team when the app is installed org-wide', async () => {
    const gridOwner = await signUpOwner(server.url);
    await server.addPairs(gridOwner.workspaceId, pairs);
    await upsertChannelConnection(server.db, {
      workspaceId: gridOwner.workspaceId,
      channel: 'slack',
      externalId: gridApp.enterpriseId,
      encryptedCredentials: encryptSlackCredentials(
        { bot_token: gridApp.token, signing_secret: gridApp.secret },
        server.runtime.masterKey,
      ),
    });
    const question = 'Do you sell replacement saddles?';
    const ts = nextTs();
    const event = {
      type: 'app_mention',
      user: 'U0GRIDASK',
      text: `<@${gridApp.botUserId}> ${question}`,
      ts,
      channel: 'C0GRIDF',
      event_ts: ts,
    };
    slack.addMessage('C0GRIDF', { ts, user: 'U0GRIDASK', text: event.text });
    const res = await postToSlack(server.url, gridApp.secret, {
      ...eventEnvelope('T0GRIDTWO', event),
      enterprise_id: gridApp.enterpriseId,
      authorizations: [
        {
          enterprise_id: gridApp.enterpriseId,
          team_id: null,
          user_id: gridApp.botUserId,
          is_bot: true,
          is_enterprise_install: true,
        },
      ],
    });
    expect(res.status).toBe(200);
    await answerIn(slack, 'C0GRIDF', ts);
    const gap = await openGap(question, gridOwner);
    const answer = 'Yes, for every model we sell.';
    expect(
      (await gridOwner.json('POST', `/api/admin/gaps/${gap.id}/resolve`, { answer, category: 'general' }))
        .status,
    ).toBe(200);
    expect(await dispatcher.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    const [post, ...more] = followupPosts().filter((c) => c.args.channel === 'C0GRIDF');
    expect(more).toHaveLength(0);
    expect(post?.token).toBe(gridApp.token);
    expect(post?.args.thread_ts).toBe(ts);
    expect(JSON.stringify(post?.args.blocks)).toContain(answer);
    const row = (await listGapFollowups(server.db, gridOwner.workspaceId)).find((f) => f.gap_id === gap.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
  });
});
