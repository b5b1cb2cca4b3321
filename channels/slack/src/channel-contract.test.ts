import { channelContract, createContractEngine } from '@clara/core/testing/channels';
import { type FakeSlackApi, startFakeSlackApi } from '@clara/testkit/slack';
import { afterAll, beforeAll, describe } from 'vitest';
import { createSlackChannel, type SlackChannel } from './create-slack-channel';
import { eventEnvelope, signSlackRequest } from './testing';

const secret = 'contract-signing-secret';
const bot = { token: 'xoxb-contract', teamId: 'T0CONTRACT', botId: 'B0CONTRACT', botUserId: 'U0CLARA' };
const { engine, turns } = createContractEngine();
const silent = { debug() {}, info() {}, warn() {}, error() {} };
let slack: FakeSlackApi;
let channel: SlackChannel;
let seq = 0;
let lastThread = '';

beforeAll(async () => {
  slack = await startFakeSlackApi([bot]);
  const seen = new Set<string>();
  channel = createSlackChannel({
    engine,
    store: { getWorkspace: async () => null, history: async () => [] },
    credentials: {
      candidates: async () => [
        {
          workspaceId: '11111111-2222-4333-8444-555555555555',
          botToken: bot.token,
          signingSecret: secret,
          teamId: bot.teamId,
        },
      ],
    },
    events: { claim: async (id) => !seen.has(id) && Boolean(seen.add(id)) },
    logger: silent,
    slackApiUrl: slack.url,
  });
});

afterAll(async () => {
  await channel.stop();
  await slack.close();
});

const request = (body: string, headers: Record<string, string>) =>
  new Request('http://clara.test/slack/events', { method: 'POST', headers, body });

describe('Slack channel: the channel contract', () => {
  channelContract('slack', () => ({
    channel,
    turns,
    ask(question) {
      lastThread = `1700000100.${String(++seq).padStart(6, '0')}`;
      const envelope = eventEnvelope(bot.teamId, {
        type: 'app_mention',
        user: 'U1',
        text: `<@${bot.botUserId}> ${question}`,
        ts: lastThread,
        channel: 'C1',
      });
      const signed = signSlackRequest(secret, JSON.stringify(envelope), 'application/json');
      return request(signed.body, signed.headers);
    },
    async answerSeen() {
      const thread = lastThread;
      const final = await slack.waitForCall(
        (c) => c.method === 'chat.postMessage' && c.args.thread_ts === thread && Boolean(c.args.blocks),
      );
      return JSON.stringify(final.args.blocks);
    },
    // Unsigned: Slack signs every request.
    refused: () =>
      request(JSON.stringify(eventEnvelope(bot.teamId, { type: 'app_mention' })), {
        'content-type': 'application/json',
      }),
  }));
});
