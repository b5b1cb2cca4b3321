/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { blockActionsBody, eventEnvelope } from '@clara/channel-slack/testing';
import { listGaps, upsertChannelConnection } from '@clara/supabase';
import { type FakeSlackApi, startFakeSlackApi } from '@clara/testkit/slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerIn, postsIn, postToSlack, slackSession } from '../../test/slack-test-kit';
import { createWorkspaceWithId } from '../../test/teams-test-kit';
import { startTestServer, type TestServer } from '../../test/test-server';
import { loadConfig } from '../config/load-config';
import { encryptSlackCredentials } from './slack-connections';

// Team A uses the env app (SLACK_*); team B is a second Slack app connected through channel_connections.
const envApp = {
  token: 'xoxb-111-env-app-token',
  secret: 'env-signing-secret-aaaa',
  teamId: 'T0AAA',
  botId: 'B0AAA',
  botUserId: 'U0CLARA',
};
const rowApp = {
  token: 'xoxb-222-row-app-token',
  secret: 'row-signing-secret-bbbb',
  teamId: 'T0BBB',
  botId: 'B0BBB',
  botUserId: 'U0CLARB',
};
const workspaceA = randomUUID();
let workspaceB: string;
let slack: FakeSlackApi;
let server: TestServer;

const pairsA = [
  {
    question: 'What are your opening hours?',
    answer: 'We are open **9 to 5**, Monday to Friday.',
    category: 'general',
  },
  {
    question: 'How much does shipping cost?',
    answer: 'Shipping is free over $50, otherwise $5.',
    category: 'pricing',
  },
  {
    question: 'Can I return an item?',
    answer: 'Returns are accepted within 30 days.',
    category: 'retention',
  },
  { question: 'Do you ship internationally?', answer: 'We ship to 30 countries.', category: 'general' },
];
const pairsB = [
  {
    question: 'How do I reset my VPN password?',
    answer: 'Use the self-service portal at vpn.internal.',
    category: 'general',
  },
];

let seq = 0;
const nextTs = () => `1800000${String(++seq).padStart(3, '0')}.000100`;
const mention = (_teamId: string, botUserId: string, text: string, extra: Record<string, unknown> = {}) => {
  const ts = nextTs();
  return {
    ts,
    event: {
      type: 'app_mention',
      user: 'U0ASKER',
      text: `<@${botUserId}> ${text}`,
      ts,
      channel: 'C0GENERAL',
      event_ts: ts,
      ...extra,
    },
  };
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  slack = await startFakeSlackApi([
    { token: envApp.token, teamId: envApp.teamId, botId: envApp.botId, botUserId: envApp.botUserId },
    { token: rowApp.token, teamId: rowApp.teamId, botId: rowApp.botId, botUserId: rowApp.botUserId },
  ]);
  server = await startTestServer({
    env: {
      SLACK_SIGNING_SECRET: envApp.secret,
      SLACK_BOT_TOKEN: envApp.token,
      SLACK_WORKSPACE_ID: workspaceA,
      SLACK_API_URL: slack.url,
    },
  });
  await createWorkspaceWithId(server, workspaceA, { booking_url: 'https://cal.example.com/clara' });
  await server.addPairs(workspaceA, pairsA);
  ({ workspaceId: workspaceB } = await server.createWorkspace());
  await server.addPairs(workspaceB, pairsB);
  await upsertChannelConnection(server.db, {
    workspaceId: workspaceB,
    channel: 'slack',
    externalId: rowApp.teamId,
    encryptedCredentials: encryptSlackCredentials(
      { bot_token: rowApp.token, signing_secret: rowApp.secret },
      server.runtime.masterKey,
    ),
  });
});

afterAll(async () => {
  await server?.close();
  await slack?.close();
});

describe('POST /slack/events: verification', () => {
  it('answers url_verification with the challenge', async () => {
    const res = await postToSlack(server.url, envApp.secret, {
      token: 'legacy',
      challenge: 'ch4llenge-xyz',
      type: 'url_verification',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'ch4llenge-xyz' });
    // The second app's secret is found in channel_connections even though url_verification names no team.
    const row = await postToSlack(server.url, rowApp.secret, {
      challenge: 'second',
      type: 'url_verification',
    });
    expect(await row.json()).toEqual({ challenge: 'second' });
  });

  it('rejects a bad signature, a stale timestamp and missing headers with 401, processing nothing', async () => {
    const calls = slack.calls.length;
    const { event } = mention(envApp.teamId, envApp.botUserId, 'What are your opening hours?');
    const envelope = eventEnvelope(envApp.teamId, event);
    const bad = await postToSlack(server.url, 'not-the-secret', envelope);
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({
      error: { code: 'unauthorized', message: expect.stringMatching(/signature does not match/) },
    });
    const stale = await postToSlack(server.url, envApp.secret, envelope, {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as any).error.message).toMatch(/more than 5 minutes/);
    const bare = await fetch(`${server.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(envelope),
    });
    expect(bare.status).toBe(401);
    // A body signed by team B's app but claiming team A is not accepted as team A's either.
    const crossed = await postToSlack(server.url, rowApp.secret, envelope);
    expect(crossed.status).toBe(401);
    await sleep(300);
    expect(slack.calls.length).toBe(calls);
    const events = await server.db.query('SELECT 1 FROM channel_events WHERE event_id LIKE $1', [
      `%event:${envelope.event_id}`,
    ]);
    expect(events).toHaveLength(0);
  });

  it('answers 400, not 500, for a signed body that is not a Slack payload', async () => {
    const res = await postToSlack(server.url, envApp.secret, {
      type: 'event_callback',
      team_id: envApp.teamId,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.code).toBe('validation_failed');
    const notJson = await fetch(`${server.url}/slack/events`, { method: 'GET' });
    expect(notJson.status).toBe(405);
  });
});

describe('Slack conversations', () => {
  let thread: string;
  let chipMessageTs: string;
  let chip: string;

  it('answers a mention from the knowledge base, in a thread under it, with chips as buttons', async () => {
    const { ts, event } = mention(envApp.teamId, envApp.botUserId, 'What are your opening hours?');
    thread = ts;
    const res = await postToSlack(server.url, envApp.secret, eventEnvelope(envApp.teamId, event));
    expect(res.status).toBe(200);
    const answer = await answerIn(slack, 'C0GENERAL', ts);
    expect(answer.thinking.token).toBe(envApp.token);
    expect(answer.text).toContain('We are open *9 to 5*, Monday to Friday.');
    const actions = (answer.final.args.blocks as any[]).find((b) => b.type === 'actions');
    expect(actions.elements.length).toBeGreaterThan(0);
    expect(actions.elements[0]).toMatchObject({ type: 'button', action_id: 'clara_chip_0' });
    chip = actions.elements[0].value;
    chipMessageTs = answer.ts;
    expect(slack.callsTo('auth.test').length).toBeGreaterThan(0);

    const session = await slackSession(server.db, workspaceA, `slack:T0AAA:C0GENERAL:${ts}`);
    expect(session?.metadata).toEqual({
      channel: 'slack',
      slack: { team_id: 'T0AAA', channel_id: 'C0GENERAL', user_id: 'U0ASKER', thread_ts: ts },
    });
    expect(session?.visitor_name).toBe('Person U0ASKER');
    expect(session?.messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'What are your opening hours?'],
      ['assistant', pairsA[0]?.answer],
    ]);
  });

  it('continues the same session for a reply in the thread, without a new mention', async () => {
    const ts = nextTs();
    const reply = {
      type: 'message',
      channel: 'C0GENERAL',
      channel_type: 'channel',
      user: 'U0ASKER',
      text: 'How much does shipping cost?',
      ts,
      thread_ts: thread,
    };
    await postToSlack(server.url, envApp.secret, eventEnvelope(envApp.teamId, reply));
    await slack.waitForCall(
      (c) =>
        c.method === 'chat.postMessage' &&
        JSON.stringify(c.args.blocks ?? '').includes('Shipping is free over $50'),
    );
    const session = await slackSession(server.db, workspaceA, `slack:T0AAA:C0GENERAL:${thread}`);
    expect(session?.messages).toHaveLength(4);
    expect(postsIn(slack, 'C0GENERAL', thread)).toHaveLength(2);
  });

  it('ignores thread replies where Clara is not in the conversation, bot posts and edits', async () => {
    const before = slack.callsTo('chat.postMessage').length;
    const other = nextTs();
    const foreign = {
      type: 'message',
      channel: 'C0GENERAL',
      channel_type: 'channel',
      user: 'U0ASKER',
      text: 'lunch?',
      ts: nextTs(),
      thread_ts: other,
    };
    const bot = {
      type: 'message',
      channel: 'C0GENERAL',
      channel_type: 'channel',
      bot_id: 'B0OTHER',
      text: 'beep',
      ts: nextTs(),
      thread_ts: thread,
    };
    const edit = {
      type: 'message',
      subtype: 'message_changed',
      channel: 'C0GENERAL',
      channel_type: 'channel',
      ts: nextTs(),
    };
    for (const e of [foreign, bot, edit]) {
      expect((await postToSlack(server.url, envApp.secret, eventEnvelope(envApp.teamId, e))).status).toBe(
        200,
      );
    }
    await sleep(500);
    expect(slack.callsTo('chat.postMessage').length).toBe(before);
  });

  it('asks the question of a clicked chip in the same thread and session', async () => {
    const body = blockActionsBody({
      teamId: envApp.teamId,
      userId: 'U0CLICKER',
      channelId: 'C0GENERAL',
      message: { ts: chipMessageTs, thread_ts: thread },
      actionId: 'clara_chip_0',
      value: chip,
    });
    const res = await postToSlack(server.url, envApp.secret, body, { path: '/slack/interactions' });
    expect(res.status).toBe(200);
    const final = await slack.waitForCall(
      (c) =>
        c.method === 'chat.postMessage' && JSON.stringify(c.args.blocks ?? '').includes('<@U0CLICKER> asked'),
    );
    expect(JSON.stringify(final.args.blocks)).toContain(chip);
    const session = await slackSession(server.db, workspaceA, `slack:T0AAA:C0GENERAL:${thread}`);
    expect(session?.messages.filter((m) => m.role === 'user').map((m) => m.content)).toContain(chip);
    expect(session?.messages).toHaveLength(6);
  });

  it('answers a DM in the DM, not in a thread', async () => {
    const ts = nextTs();
    const dm = {
      type: 'message',
      channel: 'D0DM',
      channel_type: 'im',
      user: 'U0ASKER',
      text: 'Can I return an item?',
      ts,
    };
    await postToSlack(server.url, envApp.secret, eventEnvelope(envApp.teamId, dm));
    const answer = await answerIn(slack, 'D0DM', undefined);
    expect(answer.text).toContain('Returns are accepted within 30 days.');
    const session = await slackSession(server.db, workspaceA, 'slack:T0AAA:D0DM:dm');
    expect(session?.metadata).toMatchObject({
      channel: 'slack',
      slack: { channel_id: 'D0DM', thread_ts: null },
    });
  });

  it('files a gap from Slack in qa_gaps and says so under the answer', async () => {
    const { ts, event } = mention(envApp.teamId, envApp.botUserId, 'Do you sponsor hackathons for students?');
    await postToSlack(server.url, envApp.secret, eventEnvelope(envApp.teamId, event));
    const answer = await answerIn(slack, 'C0GENERAL', ts);
    // Said once: the reply itself says it, so no second notice under it; no thumbs under a gap.
    expect(answer.text).toMatch(/noted your question so the team can add the answer/);
    expect(answer.text).not.toContain('clara_feedback');
    const session = await slackSession(server.db, workspaceA, `slack:T0AAA:C0GENERAL:${ts}`);
    const gaps = await listGaps(server.db, workspaceA);
    expect(gaps.find((g) => g.question === 'Do you sponsor hackathons for students?')?.session_id).toBe(
      session?.id,
    );
  });

  it('routes a second Slack team to its own Clara workspace with its own bot token', async () => {
    const { ts, event } = mention(rowApp.teamId, rowApp.botUserId, 'How do I reset my VPN password?', {
      channel: 'C0IT',
    });
    await postToSlack(server.url, rowApp.secret, eventEnvelope(rowApp.teamId, event));
    const answer = await answerIn(slack, 'C0IT', ts);
    expect(answer.thinking.token).toBe(rowApp.token);
    expect(answer.final.token).toBe(rowApp.token);
    expect(answer.text).toContain('self-service portal');
    expect(await slackSession(server.db, workspaceB, `slack:T0BBB:C0IT:${ts}`)).toBeDefined();
    expect(await slackSession(server.db, workspaceA, `slack:T0BBB:C0IT:${ts}`)).toBeUndefined();
  });

  it('logs a Slack API error with its code and keeps the stored turn', async () => {
    slack.failNext('chat.postMessage', 'channel_not_found');
    const { ts, event } = mention(envApp.teamId, envApp.botUserId, 'Do you ship internationally?', {
      channel: 'C0GONE',
    });
    await postToSlack(server.url, envApp.secret, eventEnvelope(envApp.teamId, event));
    await slack.waitForCall((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0GONE');
    await expect
      .poll(() => server.logs.some((l) => l.includes('"slack_error":"channel_not_found"')))
      .toBe(true);
    const session = await slackSession(server.db, workspaceA, `slack:T0AAA:C0GONE:${ts}`);
    expect(session?.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  });
});

describe('retries and duplicates', () => {
  it('answers an event once when it is delivered twice and retried, also after a restart on the same database', async () => {
    const { ts, event } = mention(envApp.teamId, envApp.botUserId, 'How much does shipping cost?', {
      channel: 'C0RETRY',
    });
    const envelope = eventEnvelope(envApp.teamId, event);
    expect((await postToSlack(server.url, envApp.secret, envelope)).status).toBe(200);
    expect((await postToSlack(server.url, envApp.secret, envelope)).status).toBe(200);
    // X-Slack-Retry-Num: 1 with X-Slack-Retry-Reason: http_timeout, as Slack retries after 3 s without an ack.
    const retry = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };
    expect((await postToSlack(server.url, envApp.secret, envelope, { headers: retry })).status).toBe(200);
    await answerIn(slack, 'C0RETRY', ts);

    // A restart on the same database: a new runtime and Bolt app, no memory of earlier deliveries.
    const restarted = await startTestServer({
      db: server.db,
      env: {
        SLACK_SIGNING_SECRET: envApp.secret,
        SLACK_BOT_TOKEN: envApp.token,
        SLACK_WORKSPACE_ID: workspaceA,
        SLACK_API_URL: slack.url,
      },
    });
    try {
      const again = await postToSlack(restarted.url, envApp.secret, envelope, {
        headers: { 'x-slack-retry-num': '2' },
      });
      expect(again.status).toBe(200);
      // The same Slack message under a new event id: passes the event dedup, and the listener
      // recognises the message itself (team, channel, ts) before posting anything.
      const twin = eventEnvelope(envApp.teamId, event);
      expect((await postToSlack(restarted.url, envApp.secret, twin)).status).toBe(200);
      await sleep(800);
      expect(postsIn(slack, 'C0RETRY', ts)).toHaveLength(1);
      expect(restarted.logs.join('')).toContain('slack delivery already handled');
      expect(restarted.logs.join('')).toContain(
        'slack message already handled; delivery under a new event id ignored',
      );
    } finally {
      await restarted.close();
    }
    const session = await slackSession(server.db, workspaceA, `slack:T0AAA:C0RETRY:${ts}`);
    expect(session?.messages).toHaveLength(2);
  });
});

describe('secrets', () => {
  it('never writes a bot token or signing secret to the logs', () => {
    const logs = server.logs.join('');
    expect(logs).toContain('slack answer posted');
    expect(logs).toContain('"source":"bolt"');
    for (const secret of [envApp.token, envApp.secret, rowApp.token, rowApp.secret])
      expect(logs).not.toContain(secret);
  });

  it('requires all three SLACK_* variables or none', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: envApp.token })).toThrow(
      /SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN and SLACK_WORKSPACE_ID/,
    );
    expect(() =>
      loadConfig({ SLACK_BOT_TOKEN: 'nope', SLACK_SIGNING_SECRET: 'x', SLACK_WORKSPACE_ID: workspaceA }),
    ).toThrow(/bot token/);
    expect(loadConfig({}).slack.app).toBeUndefined();
  });
});
