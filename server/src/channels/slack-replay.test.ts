/* biome-ignore-all lint/suspicious/noExplicitAny: posted blocks are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { textOnlyNotice } from '@clara/channel-slack';
import { blockActionsBody, eventEnvelope } from '@clara/channel-slack/testing';
import { listGaps, upsertChannelConnection } from '@clara/supabase';
import { type FakeSlackApi, startFakeSlackApi } from '@clara/testkit/slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerIn, postsIn, postToSlack, slackSession } from '../../test/slack-test-kit';
import { startTestServer, type TestServer } from '../../test/test-server';
import { encryptSlackCredentials } from './slack-connections';

// Replays of Slack payloads in the shapes Slack sends them (Slack Connect, Enterprise Grid
// org-wide installs, Slackbot, other apps, file shares, broadcasts, clicks), signed with the
// apps' real signing secrets, against the real server and a fake Slack Web API.

const hq = {
  token: 'xoxb-hq-app-token-1',
  secret: 'hq-signing-secret-1111',
  teamId: 'T0HQ',
  botId: 'B0HQ',
  botUserId: 'U0CLARA',
};
const org = {
  token: 'xoxb-org-app-token-2',
  secret: 'org-signing-secret-2222',
  teamId: 'T0GRIDA',
  enterpriseId: 'E0ORG',
  botId: 'B0ORG',
  botUserId: 'U0CLARG',
};
const pairs = [
  {
    question: 'What are your opening hours?',
    answer: 'We are open 9 to 5, Monday to Friday.',
    category: 'general',
  },
  {
    question: 'How much does shipping cost?',
    answer: 'Shipping is free over $50, otherwise $5.',
    category: 'pricing',
  },
  {
    question: 'Where is the travel policy?',
    answer: 'See [docs](https://a.example/x><!channel><https://evil.example|click>) for the travel policy.',
    category: 'general',
  },
];

let slack: FakeSlackApi;
let server: TestServer;
let workspaceHq: string;
let workspaceOrg: string;
let seq = 0;
const nextTs = () => `1810000${String(++seq).padStart(3, '0')}.000200`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const gapsOf = async (workspaceId: string) => (await listGaps(server.db, workspaceId)).map((g) => g.question);

beforeAll(async () => {
  slack = await startFakeSlackApi([
    { token: hq.token, teamId: hq.teamId, botId: hq.botId, botUserId: hq.botUserId },
    {
      token: org.token,
      teamId: org.teamId,
      botId: org.botId,
      botUserId: org.botUserId,
      enterpriseId: org.enterpriseId,
      // An AI app: assistant threads get a status instead of a placeholder.
      assistant: true,
    },
  ]);
  server = await startTestServer({ env: { SLACK_API_URL: slack.url } });
  ({ workspaceId: workspaceHq } = await server.createWorkspace());
  ({ workspaceId: workspaceOrg } = await server.createWorkspace());
  await server.addPairs(workspaceHq, pairs);
  await server.addPairs(workspaceOrg, pairs.slice(0, 2));
  for (const [workspaceId, app, externalId] of [
    [workspaceHq, hq, hq.teamId],
    [workspaceOrg, org, org.enterpriseId],
  ] as const) {
    await upsertChannelConnection(server.db, {
      workspaceId,
      channel: 'slack',
      externalId,
      encryptedCredentials: encryptSlackCredentials(
        { bot_token: app.token, signing_secret: app.secret },
        server.runtime.masterKey,
      ),
    });
  }
});

afterAll(async () => {
  await server?.close();
  await slack?.close();
});

/** A person's message, recorded in the fake (what conversations.replies reads) and sent to Clara. */
async function say(app: typeof hq, event: Record<string, any>, envelope: Record<string, unknown> = {}) {
  slack.addMessage(event.channel, {
    ts: event.ts,
    thread_ts: event.thread_ts,
    user: event.user,
    bot_id: event.bot_id,
    text: event.text,
  });
  const body = { ...eventEnvelope(app.teamId, event), ...envelope };
  const res = await postToSlack(server.url, app.secret, body);
  expect(res.status).toBe(200);
}

describe('Slack Connect and Enterprise Grid', () => {
  it('answers an external user in a Slack Connect channel with the installing team’s app', async () => {
    const ts = nextTs();
    const event = {
      type: 'app_mention',
      user: 'U0EXTERNAL',
      text: `<@${hq.botUserId}> What are your opening hours?`,
      ts,
      channel: 'C0SHARED',
    };
    // The envelope's team is the external user's; authorizations[0] and context_team_id name the installing team.
    await say(hq, event, {
      team_id: 'T0PARTNER',
      context_team_id: hq.teamId,
      context_enterprise_id: null,
      authorizations: [
        {
          enterprise_id: null,
          team_id: hq.teamId,
          user_id: hq.botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
    });
    const answer = await answerIn(slack, 'C0SHARED', ts);
    expect(answer.final.token).toBe(hq.token);
    expect(answer.text).toContain('We are open 9 to 5');
    expect(await slackSession(server.db, workspaceHq, `slack:${hq.teamId}:C0SHARED:${ts}`)).toBeDefined();
  });

  it('answers events from two workspaces of an org-wide Grid install with the org’s token', async () => {
    for (const [teamId, channel] of [
      ['T0GRIDA', 'C0GA'],
      ['T0GRIDB', 'C0GB'],
    ] as const) {
      const ts = nextTs();
      const event = {
        type: 'app_mention',
        user: 'U0GRIDUSER',
        text: `<@${org.botUserId}> How much does shipping cost?`,
        ts,
        channel,
      };
      await say(org, event, {
        team_id: teamId,
        enterprise_id: org.enterpriseId,
        is_ext_shared_channel: false,
        authorizations: [
          {
            enterprise_id: org.enterpriseId,
            team_id: null,
            user_id: org.botUserId,
            is_bot: true,
            is_enterprise_install: true,
          },
        ],
      });
      const answer = await answerIn(slack, channel, ts);
      expect(answer.final.token).toBe(org.token);
      expect(answer.text).toContain('Shipping is free over $50');
      expect(await slackSession(server.db, workspaceOrg, `slack:${teamId}:${channel}:${ts}`)).toBeDefined();
    }
  });

  it('still refuses a Connect event signed by a secret that is not the installing team’s', async () => {
    const ts = nextTs();
    const body = {
      ...eventEnvelope('T0PARTNER', {
        type: 'app_mention',
        user: 'U0X',
        text: `<@${hq.botUserId}> hi`,
        ts,
        channel: 'C0SHARED',
      }),
      authorizations: [{ team_id: hq.teamId, is_bot: true }],
    };
    const res = await postToSlack(server.url, 'partner-signing-secret-9', body);
    expect(res.status).toBe(401);
  });
});

describe('only messages addressed to Clara', () => {
  it('stops following a thread up once someone else joins it, and files no gap for the chatter', async () => {
    const root = nextTs();
    const gapsBefore = await gapsOf(workspaceHq);
    await say(hq, {
      type: 'app_mention',
      user: 'U0ANA',
      text: `<@${hq.botUserId}> What are your opening hours?`,
      ts: root,
      channel: 'C0TEAM',
    });
    await answerIn(slack, 'C0TEAM', root);
    // The asker follows up without a mention: answered.
    const follow = nextTs();
    await say(hq, {
      type: 'message',
      channel: 'C0TEAM',
      channel_type: 'channel',
      user: 'U0ANA',
      text: 'How much does shipping cost?',
      ts: follow,
      thread_ts: root,
    });
    await expect.poll(() => postsIn(slack, 'C0TEAM', root).length, { timeout: 10_000 }).toBe(2);
    // The asker writes to a colleague in the thread: for the colleague, not Clara.
    await say(hq, {
      type: 'message',
      channel: 'C0TEAM',
      channel_type: 'channel',
      user: 'U0ANA',
      text: '<@U0BEN> can you check the returns for me?',
      ts: nextTs(),
      thread_ts: root,
    });
    // Someone else replies to the person, not to Clara.
    for (const [user, text] of [
      ['U0BEN', 'lol same, see you at lunch'],
      ['U0ANA', 'haha yes, 12:30?'],
    ] as const) {
      await say(hq, {
        type: 'message',
        channel: 'C0TEAM',
        channel_type: 'channel',
        user,
        text,
        ts: nextTs(),
        thread_ts: root,
      });
    }
    // A thread_broadcast from the other person ("also send to channel") is not for Clara either.
    await say(hq, {
      type: 'message',
      subtype: 'thread_broadcast',
      channel: 'C0TEAM',
      channel_type: 'channel',
      user: 'U0BEN',
      text: 'ok, booked',
      ts: nextTs(),
      thread_ts: root,
    });
    await sleep(600);
    expect(postsIn(slack, 'C0TEAM', root)).toHaveLength(2);
    // A mention still works in that thread.
    await say(hq, {
      type: 'app_mention',
      user: 'U0BEN',
      text: `<@${hq.botUserId}> What are your opening hours?`,
      ts: nextTs(),
      channel: 'C0TEAM',
      thread_ts: root,
    });
    await expect.poll(() => postsIn(slack, 'C0TEAM', root).length, { timeout: 10_000 }).toBe(3);
    expect(await gapsOf(workspaceHq)).toEqual(gapsBefore);
  });

  it('ignores Slackbot notices, other apps and channel chatter, even in DMs', async () => {
    const gapsBefore = await gapsOf(workspaceHq);
    const postsBefore = slack.callsTo('chat.postMessage').length;
    const notices = [
      {
        type: 'message',
        channel: 'D0ANA',
        channel_type: 'im',
        user: 'USLACKBOT',
        text: 'You have been added to #sales by Ana.',
        ts: nextTs(),
      },
      {
        type: 'message',
        channel: 'D0ANA',
        channel_type: 'im',
        bot_id: 'B0JIRA',
        user: 'U0JIRABOT',
        text: 'Ticket OPS-12 was assigned to you, can you check the refund policy?',
        ts: nextTs(),
        bot_profile: { name: 'Jira' },
      },
      {
        type: 'message',
        subtype: 'bot_message',
        channel: 'C0TEAM',
        channel_type: 'channel',
        bot_id: 'B0CI',
        text: 'Build #42 failed',
        ts: nextTs(),
      },
      {
        type: 'message',
        subtype: 'channel_join',
        channel: 'C0TEAM',
        channel_type: 'channel',
        user: 'U0NEW',
        text: '<@U0NEW> has joined the channel',
        ts: nextTs(),
      },
      {
        type: 'message',
        channel: 'C0TEAM',
        channel_type: 'channel',
        user: 'U0ANA',
        text: 'anyone up for lunch?',
        ts: nextTs(),
      },
      {
        type: 'message',
        subtype: 'message_changed',
        channel: 'D0ANA',
        channel_type: 'im',
        ts: nextTs(),
        message: { text: 'edited', user: 'U0ANA' },
      },
    ];
    for (const event of notices) await say(hq, event);
    // Another app mentioning Clara does not start a bot-to-bot conversation.
    await say(hq, {
      type: 'app_mention',
      user: 'U0JIRABOT',
      bot_id: 'B0JIRA',
      text: `<@${hq.botUserId}> what is the refund policy?`,
      ts: nextTs(),
      channel: 'C0TEAM',
    });
    await sleep(600);
    expect(slack.callsTo('chat.postMessage').length).toBe(postsBefore);
    expect(await gapsOf(workspaceHq)).toEqual(gapsBefore);
  });

  it('answers a greeting with a short reply and no turn', async () => {
    const ts = nextTs();
    await say(hq, {
      type: 'message',
      channel: 'D0HI',
      channel_type: 'im',
      user: 'U0ANA',
      text: 'Hi Clara! 👋',
      ts,
    });
    const reply = await slack.waitForCall(
      (c) => c.method === 'chat.postMessage' && c.args.channel === 'D0HI',
    );
    expect(String(reply.args.text)).toMatch(/^Hi!/);
    expect(await slackSession(server.db, workspaceHq, `slack:${hq.teamId}:D0HI:dm`)).toBeUndefined();
  });
});

describe('messages that used to be dropped', () => {
  it('answers a DM with a file and a caption, and tells a file-only sender Clara reads text', async () => {
    const ts = nextTs();
    const file = { id: 'F0PDF', name: 'invoice.pdf', mimetype: 'application/pdf' };
    await say(hq, {
      type: 'message',
      subtype: 'file_share',
      channel: 'D0FILE',
      channel_type: 'im',
      user: 'U0ANA',
      text: 'How much does shipping cost?',
      files: [file],
      ts,
    });
    const answer = await answerIn(slack, 'D0FILE', undefined);
    expect(answer.text).toContain('Shipping is free over $50');
    await say(hq, {
      type: 'message',
      subtype: 'file_share',
      channel: 'D0FILE',
      channel_type: 'im',
      user: 'U0ANA',
      text: '',
      files: [file],
      ts: nextTs(),
    });
    await slack.waitForCall((c) => c.method === 'chat.postMessage' && c.args.text === textOnlyNotice);
  });

  it('answers the asker’s thread_broadcast follow-up in the thread', async () => {
    const root = nextTs();
    await say(hq, {
      type: 'app_mention',
      user: 'U0CAI',
      text: `<@${hq.botUserId}> What are your opening hours?`,
      ts: root,
      channel: 'C0BCAST',
    });
    await answerIn(slack, 'C0BCAST', root);
    await say(hq, {
      type: 'message',
      subtype: 'thread_broadcast',
      channel: 'C0BCAST',
      channel_type: 'channel',
      user: 'U0CAI',
      text: 'How much does shipping cost?',
      ts: nextTs(),
      thread_ts: root,
    });
    await expect.poll(() => postsIn(slack, 'C0BCAST', root).length, { timeout: 10_000 }).toBe(2);
    expect(JSON.stringify(postsIn(slack, 'C0BCAST', root)[1]?.args.blocks)).toContain('Shipping is free');
  });
});

describe('rendering', () => {
  it('shows a placeholder at once, posts the answer as a new message and deletes the placeholder', async () => {
    const ts = nextTs();
    await say(hq, {
      type: 'app_mention',
      user: 'U0ANA',
      text: `<@${hq.botUserId}> What are your opening hours?`,
      ts,
      channel: 'C0RENDER',
    });
    const answer = await answerIn(slack, 'C0RENDER', ts);
    expect(answer.final.args.text).toBe('We are open 9 to 5, Monday to Friday.');
    await slack.waitForCall((c) => c.method === 'chat.delete' && c.args.ts === answer.thinking.response?.ts);
  });

  it('shows an assistant-thread status (AI apps) instead of a placeholder, else falls back to one', async () => {
    const root = nextTs();
    const grid = {
      team_id: 'T0GRIDA',
      enterprise_id: org.enterpriseId,
      authorizations: [
        { enterprise_id: org.enterpriseId, team_id: null, is_bot: true, is_enterprise_install: true },
      ],
    };
    await say(
      org,
      {
        type: 'message',
        channel: 'D0ASSIST',
        channel_type: 'im',
        user: 'U0GRIDUSER',
        text: 'How much does shipping cost?',
        ts: nextTs(),
        thread_ts: root,
      },
      grid,
    );
    const status = await slack.waitForCall(
      (c) => c.method === 'assistant.threads.setStatus' && c.args.channel_id === 'D0ASSIST',
    );
    expect(status.args).toMatchObject({ thread_ts: root, status: 'is thinking…' });
    const final = await slack.waitForCall(
      (c) => c.method === 'chat.postMessage' && c.args.channel === 'D0ASSIST',
    );
    expect(JSON.stringify(final.args.blocks)).toContain('Shipping is free');
    expect(postsIn(slack, 'D0ASSIST', root)).toHaveLength(1);
    expect(
      slack.calls.some(
        (c) =>
          c.method === 'chat.postMessage' && c.args.channel === 'D0ASSIST' && c.args.text === '_Thinking…_',
      ),
    ).toBe(false);
    // Not an AI app: setStatus is refused, the placeholder is posted instead.
    const other = nextTs();
    await say(hq, {
      type: 'message',
      channel: 'D0PLAIN',
      channel_type: 'im',
      user: 'U0ANA',
      text: 'How much does shipping cost?',
      ts: nextTs(),
      thread_ts: other,
    });
    await answerIn(slack, 'D0PLAIN', other);
  });

  it('posts a link-injection answer without a channel-wide mention or a forged link', async () => {
    const ts = nextTs();
    await say(hq, {
      type: 'app_mention',
      user: 'U0ANA',
      text: `<@${hq.botUserId}> Where is the travel policy?`,
      ts,
      channel: 'C0INJECT',
    });
    const answer = await answerIn(slack, 'C0INJECT', ts);
    const posted = JSON.stringify(answer.final.args);
    expect(posted).toContain('travel policy');
    expect(posted).not.toContain('<!channel>');
    expect(posted).not.toContain('<https://evil.example');
  });
});

describe('feedback', () => {
  it('stores thumbs on an answer; a thumbs-down files a gap from the Slack session', async () => {
    const ts = nextTs();
    await say(hq, {
      type: 'app_mention',
      user: 'U0ANA',
      text: `<@${hq.botUserId}> How much does shipping cost?`,
      ts,
      channel: 'C0FEED',
    });
    const answer = await answerIn(slack, 'C0FEED', ts);
    const thumbs = (answer.final.args.blocks as any[]).find((b) => b.block_id === 'clara_feedback');
    expect(thumbs.elements.map((e: any) => e.action_id)).toEqual([
      'clara_feedback_up',
      'clara_feedback_down',
    ]);
    const click = (actionId: string) =>
      postToSlack(
        server.url,
        hq.secret,
        blockActionsBody({
          teamId: hq.teamId,
          userId: 'U0ANA',
          channelId: 'C0FEED',
          message: { ts: answer.ts, thread_ts: ts },
          actionId,
          value: thumbs.elements[0].value,
        }),
        { path: '/slack/interactions' },
      );
    expect((await click('clara_feedback_down')).status).toBe(200);
    const ack = await slack.waitForCall(
      (c) => c.method === 'chat.postEphemeral' && c.args.channel === 'C0FEED',
    );
    expect(ack.args).toMatchObject({ user: 'U0ANA', thread_ts: ts });
    const session = await slackSession(server.db, workspaceHq, `slack:${hq.teamId}:C0FEED:${ts}`);
    const reply = session?.messages.find((m) => m.role === 'assistant') as any;
    expect(reply.feedback).toBe('down');
    const gaps = await listGaps(server.db, workspaceHq);
    const gap = gaps.find(
      (g) => g.question === 'How much does shipping cost?' && g.session_id === session?.id,
    );
    expect(gap?.ai_answer).toContain('Shipping is free over $50');
  });

  it('answers a click on a thumbs button of an unknown answer without failing', async () => {
    const body = blockActionsBody({
      teamId: hq.teamId,
      userId: 'U0ANA',
      channelId: 'C0FEED',
      message: { ts: nextTs(), thread_ts: nextTs() },
      actionId: 'clara_feedback_up',
      value: randomUUID(),
    });
    expect((await postToSlack(server.url, hq.secret, body, { path: '/slack/interactions' })).status).toBe(
      200,
    );
    await slack.waitForCall(
      (c) => c.method === 'chat.postEphemeral' && String(c.args.text).includes('no longer'),
    );
  });
});

describe('unproven connections', () => {
  it('answer nothing: a row whose bot token belongs to another team is refused at authorisation', async () => {
    // Written straight to the table (as before connections had to prove their team): team
    // T0SQUAT with a token that auth.test says belongs to T0HQ.
    await upsertChannelConnection(server.db, {
      workspaceId: workspaceOrg,
      channel: 'slack',
      externalId: 'T0SQUAT',
      encryptedCredentials: encryptSlackCredentials(
        { bot_token: hq.token, signing_secret: 'squat-signing-secret-1' },
        server.runtime.masterKey,
      ),
    });
    const before = slack.callsTo('chat.postMessage').length;
    const ts = nextTs();
    const event = {
      type: 'app_mention',
      user: 'U0X',
      text: `<@${hq.botUserId}> What are your opening hours?`,
      ts,
      channel: 'C0SQUAT',
    };
    const res = await postToSlack(server.url, 'squat-signing-secret-1', eventEnvelope('T0SQUAT', event));
    expect(res.status).toBe(200);
    await expect
      .poll(() => server.logs.some((l) => l.includes('does not belong to the connected Slack team')))
      .toBe(true);
    expect(slack.callsTo('chat.postMessage').length).toBe(before);
    expect(await slackSession(server.db, workspaceOrg, `slack:T0SQUAT:C0SQUAT:${ts}`)).toBeUndefined();
  });
});

describe('requests that name no team', () => {
  it('decrypt no connection when unsigned, and only recently saved ones for url_verification', async () => {
    // A connection saved two days ago whose credentials cannot be read: any decryption of it is logged.
    await server.db.query(
      `INSERT INTO channel_connections (workspace_id, channel, external_id, encrypted_credentials, updated_at)
       VALUES ($1, 'slack', 'T0OLDROW', 'not-a-vault-value', now() - interval '2 days')`,
      [workspaceHq],
    );
    const decrypted = () =>
      server.logs.filter((l) => l.includes('slack connection credentials unreadable')).length;
    const unsigned = await fetch(`${server.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'url_verification', challenge: 'x', token: 't' }),
    });
    expect(unsigned.status).toBe(401);
    const verification = await postToSlack(server.url, hq.secret, {
      type: 'url_verification',
      challenge: 'fresh-app-challenge',
      token: 'legacy',
    });
    expect(verification.status).toBe(200);
    expect(await verification.json()).toEqual({ challenge: 'fresh-app-challenge' });
    expect(decrypted()).toBe(0);
    // An event that names that team does read it (and is refused: its secret is unreadable).
    const ts = nextTs();
    const named = await postToSlack(
      server.url,
      hq.secret,
      eventEnvelope('T0OLDROW', { type: 'app_mention', user: 'U0X', text: 'hi', ts, channel: 'C0X' }),
    );
    expect(named.status).toBe(401);
    expect(decrypted()).toBe(1);
  });
});
