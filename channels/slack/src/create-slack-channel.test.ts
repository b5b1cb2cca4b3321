import type { AssistantMessage, TurnEvent, TurnInput } from '@clara/core';
import { type FakeSlackApi, startFakeSlackApi } from '@clara/testkit/slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackChannel, type SlackChannel } from './create-slack-channel';
import type { SlackChannelCore, SlackConnection } from './ports';
import { eventEnvelope, signSlackRequest } from './testing';

const secret = 'unit-signing-secret';
const bot = { token: 'xoxb-unit-1', teamId: 'T0UNIT', botId: 'B0UNIT', botUserId: 'U0CLARA' };
const workspaceId = '11111111-2222-4333-8444-555555555555';
const llmDelayMs = 1_500;

/** A slow in-memory core: the answer streams in three deltas after a language-model-like pause. */
function slowCore(turns: TurnInput[]): SlackChannelCore {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  return {
    engine: {
      async *stream(input: TurnInput): AsyncGenerator<TurnEvent> {
        turns.push(input);
        yield {
          type: 'meta',
          message_id: input.messageId,
          session_token: input.sessionToken,
          mode: 'llm',
          replay: false,
        };
        await sleep(llmDelayMs);
        const parts = ['Shipping is ', '**free** ', 'over $50.'];
        for (const text of parts) {
          yield { type: 'delta', text };
          await sleep(300);
        }
        const message: AssistantMessage = {
          message_id: '6f1c2b4e-1d2a-5b3c-8d4e-5f6a7b8c9d0e',
          role: 'assistant',
          content: parts.join(''),
          timestamp: new Date().toISOString(),
          suggestion_chips: ['Can I return an item?'],
          gap_detected: false,
          matched_qa_ids: [],
          confidence: 0.9,
          escalation_offered: false,
        };
        yield { type: 'done', message };
      },
    },
    store: { getWorkspace: async () => null, history: async () => [] },
  };
}

let slack: FakeSlackApi;
let channel: SlackChannel;
const turns: TurnInput[] = [];
const seen = new Set<string>();

beforeAll(async () => {
  slack = await startFakeSlackApi([bot]);
  const connection: SlackConnection = {
    workspaceId,
    botToken: bot.token,
    signingSecret: secret,
    teamId: bot.teamId,
  };
  const silent = { debug() {}, info() {}, warn() {}, error() {} };
  channel = createSlackChannel({
    ...slowCore(turns),
    credentials: { candidates: async () => [connection] },
    events: { claim: async (id) => !seen.has(id) && Boolean(seen.add(id)) },
    logger: silent,
    slackApiUrl: slack.url,
  });
  // Warm-up: the first delivery pays for auth.test and module loading, as a real first event does.
  await post(
    eventEnvelope(bot.teamId, {
      type: 'app_mention',
      user: 'U1',
      // A real question: a bare "hi" is small talk, answered without a turn.
      text: `<@${bot.botUserId}> do you ship abroad?`,
      ts: '1700000000.000001',
      channel: 'C1',
    }),
  );
  await slack.waitForCall((c) => c.method === 'chat.postMessage' && Boolean(c.args.blocks));
});

afterAll(async () => {
  await channel.stop();
  await slack.close();
});

async function post(envelope: Record<string, unknown>) {
  const signed = signSlackRequest(secret, JSON.stringify(envelope), 'application/json');
  // The channel's own contract, without an HTTP framework: a web-standard request in, the ack out.
  const request = new Request('http://clara.test/slack/events', {
    method: 'POST',
    headers: signed.headers,
    body: signed.body,
  });
  return channel.handle(request, { clientIp: '127.0.0.1' });
}

describe('createSlackChannel with a slow language model', () => {
  it('acks in under 100 ms, then answers in the thread: a thinking message, throttled updates, the final blocks', async () => {
    const started = performance.now();
    const res = await post(
      eventEnvelope(bot.teamId, {
        type: 'app_mention',
        user: 'U1',
        text: `<@${bot.botUserId}> shipping?`,
        ts: '1700000001.000100',
        channel: 'C1',
      }),
    );
    const ackMs = performance.now() - started;
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(ackMs).toBeLessThan(100);
    // The answer arrives long after the ack: the thinking message first, updated as the answer
    // streams, then the final render posted as a new message in the thread and the placeholder deleted.
    const thinking = await slack.waitForCall(
      (c) => c.method === 'chat.postMessage' && c.args.thread_ts === '1700000001.000100',
    );
    expect(thinking.args).toMatchObject({ channel: 'C1', text: '_Thinking…_' });
    const final = await slack.waitForCall(
      (c) =>
        c.method === 'chat.postMessage' && c.args.thread_ts === '1700000001.000100' && Boolean(c.args.blocks),
    );
    expect(JSON.stringify(final.args.blocks)).toContain('Shipping is *free* over $50.');
    await slack.waitForCall((c) => c.method === 'chat.delete' && c.args.ts === thinking.response?.ts);
    const updates = slack.callsTo('chat.update').filter((c) => c.args.ts === thinking.response?.ts);
    // Deltas at +1500, +1800 and +2100 ms, at most one update per 500 ms: one or two (three on a very slow machine).
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.length).toBeLessThanOrEqual(3);
    expect(updates[0]?.args.text).toBe('Shipping is ');
    expect(turns.at(-1)).toMatchObject({
      workspaceId,
      message: 'shipping?',
      sessionToken: 'slack:T0UNIT:C1:1700000001.000100',
    });
    console.info(`slack ack with a ${llmDelayMs} ms model: ${ackMs.toFixed(1)} ms`);
  });
});
