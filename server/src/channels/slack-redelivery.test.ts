import { eventEnvelope } from '@clara/channel-slack/testing';
import { listGaps, upsertChannelConnection } from '@clara/supabase';
import { type FakeSlackApi, startFakeSlackApi } from '@clara/testkit/slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerIn, postToSlack, slackSession } from '../../test/slack-test-kit';
import { startTestServer, type TestServer } from '../../test/test-server';
import { encryptSlackCredentials } from './slack-connections';

// A Slack message delivered again under a new event_id, and messages with no visible
// character, against the real server and the fake Slack Web API.
const app = {
  token: 'xoxb-redelivery-token-1',
  secret: 'redelivery-signing-secret-1',
  teamId: 'T0REDO',
  botId: 'B0REDO',
  botUserId: 'U0CLARR',
};
let slack: FakeSlackApi;
let server: TestServer;
let workspaceId: string;
let seq = 0;
const nextTs = () => `1820000${String(++seq).padStart(3, '0')}.000300`;
const inChannel = (channel: string) => slack.calls.filter((c) => c.args.channel === channel);
const send = async (event: Record<string, unknown>) =>
  expect((await postToSlack(server.url, app.secret, eventEnvelope(app.teamId, event))).status).toBe(200);

beforeAll(async () => {
  slack = await startFakeSlackApi([
    { token: app.token, teamId: app.teamId, botId: app.botId, botUserId: app.botUserId },
  ]);
  server = await startTestServer({ env: { SLACK_API_URL: slack.url } });
  ({ workspaceId } = await server.createWorkspace());
  await server.addPairs(workspaceId, [
    { question: 'What are your opening hours?', answer: 'We are open 9 to 5.', category: 'general' },
  ]);
  await upsertChannelConnection(server.db, {
    workspaceId,
    channel: 'slack',
    externalId: app.teamId,
    encryptedCredentials: encryptSlackCredentials(
      { bot_token: app.token, signing_secret: app.secret },
      server.runtime.masterKey,
    ),
  });
});
afterAll(async () => {
  await server?.close();
  await slack?.close();
});

describe('a Slack message delivered again under a new event_id', () => {
  it.each([
    ['a mention in a channel', 'C0REDO1', (ts: string) => ({ type: 'app_mention', channel: 'C0REDO1', ts })],
    [
      'a DM',
      'D0REDO2',
      (ts: string) => ({ type: 'message', channel: 'D0REDO2', channel_type: 'im', ts, client_msg_id: ts }),
    ],
  ])('posts nothing the second time (no placeholder, no answer): %s', async (_name, channel, shape) => {
    const ts = nextTs();
    const event = {
      ...shape(ts),
      user: 'U0ANA',
      text: `<@${app.botUserId}> What are your opening hours?`,
    };
    await send(event);
    const answer = await answerIn(slack, channel, event.type === 'app_mention' ? ts : undefined);
    expect(answer.text).toContain('We are open 9 to 5');
    await slack.waitForCall((c) => c.method === 'chat.delete' && c.args.channel === channel);
    const before = inChannel(channel).length;
    const logged = () =>
      server.logs.filter((l) => l.includes('delivery under a new event id ignored')).length;
    const seen = logged();

    // The same message (channel and ts), a new event_id: eventEnvelope makes a fresh one.
    await send(event);
    // Settled once the duplicate is recognised, or once anything was posted for it.
    await expect
      .poll(() => logged() > seen || inChannel(channel).length > before, { timeout: 10_000 })
      .toBe(true);
    expect(
      inChannel(channel)
        .slice(before)
        .map((c) => c.method),
    ).toEqual([]);
    const session = await slackSession(
      server.db,
      workspaceId,
      `slack:${app.teamId}:${channel}:${event.type === 'app_mention' ? ts : 'dm'}`,
    );
    expect(session?.messages).toHaveLength(2);
  });
});

describe('a Slack message with no visible character', () => {
  it('is not a question: no placeholder, no answer, no session and no gap', async () => {
    const texts = ['\u3164\u115f', '\u2800\u2800', '\u0301\u0301\u0301', '\ufe0f\ufe0f'];
    for (const text of texts) {
      await send({
        type: 'message',
        channel: 'D0BLANK',
        channel_type: 'im',
        user: 'U0ANA',
        text,
        ts: nextTs(),
      });
      await send({
        type: 'app_mention',
        channel: 'C0BLANK',
        user: 'U0ANA',
        text: `<@${app.botUserId}> ${text}`,
        ts: nextTs(),
      });
    }
    // A real question after them is answered: everything before it has been handled.
    const ts = nextTs();
    await send({
      type: 'message',
      channel: 'D0BLANK',
      channel_type: 'im',
      user: 'U0ANA',
      text: 'What are your opening hours?',
      ts,
    });
    await answerIn(slack, 'D0BLANK', undefined);
    expect(inChannel('C0BLANK')).toEqual([]);
    const session = await slackSession(server.db, workspaceId, `slack:${app.teamId}:D0BLANK:dm`);
    expect(session?.messages.map((m) => m.content)).toEqual([
      'What are your opening hours?',
      expect.any(String),
    ]);
    expect((await listGaps(server.db, workspaceId)).map((g) => g.question)).toEqual([]);
  });
});
