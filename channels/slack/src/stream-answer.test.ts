import type { AssistantMessage, TurnEvent, TurnInput } from '@clara/core';
import { type FakeSlackApi, type SlackApiCall, startFakeSlackApi } from '@clara/testkit/slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackChannel, type SlackChannel } from './create-slack-channel';
import type { SlackConnection } from './ports';
import { createStreamRefusals } from './stream-answer';
import { eventEnvelope, signSlackRequest } from './testing';

// A model's answer streamed with chat.startStream/appendStream/stopStream, through the real
// Bolt app and @slack/web-api against the fake Slack Web API (which records every call).

const secret = 'stream-signing-secret';
const bot = {
  token: 'xoxb-stream-1',
  teamId: 'T0STREAM',
  botId: 'B0STREAM',
  botUserId: 'U0CLARA',
  streaming: true,
};
const workspaceId = '11111111-2222-4333-8444-666666666666';
const parts = ['Shipping is ', '**free** ', 'over $50', ', otherwise $5', '.'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A model-like core: deltas 120 ms apart; a question with "flaky" fails mid-answer (reset, then the extractive answer). */
async function* modelTurn(input: TurnInput): AsyncGenerator<TurnEvent> {
  yield {
    type: 'meta',
    message_id: input.messageId,
    session_token: input.sessionToken,
    mode: 'llm',
    replay: false,
  };
  const flaky = input.message.includes('flaky');
  for (const [i, text] of parts.entries()) {
    if (flaky && i === 2) break;
    await sleep(120);
    yield { type: 'delta', text };
  }
  if (flaky) yield { type: 'reset', mode: 'extractive' };
  const message: AssistantMessage = {
    message_id: '6f1c2b4e-1d2a-5b3c-8d4e-5f6a7b8c9d0f',
    role: 'assistant',
    content: flaky ? 'Extractive: shipping is free over $50.' : parts.join(''),
    timestamp: new Date().toISOString(),
    suggestion_chips: [],
    gap_detected: false,
    matched_qa_ids: [],
    confidence: 0.9,
    escalation_offered: false,
  };
  yield { type: 'done', message };
}

let slack: FakeSlackApi;
let channel: SlackChannel;
let seq = 0;

beforeAll(async () => {
  slack = await startFakeSlackApi([bot]);
  const connection: SlackConnection = {
    workspaceId,
    botToken: bot.token,
    signingSecret: secret,
    teamId: bot.teamId,
  };
  const silent = { debug() {}, info() {}, warn() {}, error() {} };
  const seen = new Set<string>();
  channel = createSlackChannel({
    engine: { stream: modelTurn },
    store: { getWorkspace: async () => null, history: async () => [] },
    credentials: { candidates: async () => [connection] },
    events: { claim: async (id) => !seen.has(id) && Boolean(seen.add(id)) },
    logger: silent,
    slackApiUrl: slack.url,
    updateIntervalMs: 200,
  });
});

afterAll(async () => {
  await channel.stop();
  await slack.close();
});

/** Asks in a channel; resolves with the thread's ts once Clara's final rendering arrived. */
async function ask(question: string): Promise<{ root: string; calls: SlackApiCall[] }> {
  const root = `1700000${String(++seq).padStart(3, '0')}.000100`;
  const envelope = eventEnvelope(bot.teamId, {
    type: 'app_mention',
    user: 'U0ANA',
    text: `<@${bot.botUserId}> ${question}`,
    ts: root,
    channel: 'C0STREAM',
  });
  const signed = signSlackRequest(secret, JSON.stringify(envelope), 'application/json');
  const res = await channel.handle(
    new Request('http://clara.test/slack/events', {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
    }),
    { clientIp: '127.0.0.1' },
  );
  expect(res.status).toBe(200);
  const streamedHere = (ts: unknown) =>
    slack.calls.some(
      (c) => c.method === 'chat.startStream' && c.args.thread_ts === root && c.response?.ts === ts,
    );
  // The final reply: posted in the thread, or written over the streamed message.
  await slack.waitForCall(
    (c) =>
      Array.isArray(c.args.blocks) &&
      ((c.method === 'chat.postMessage' && c.args.thread_ts === root) ||
        (c.method === 'chat.update' && streamedHere(c.args.ts))),
  );
  const inThread = (c: SlackApiCall) =>
    c.args.thread_ts === root ||
    ['chat.appendStream', 'chat.stopStream', 'chat.update', 'chat.delete'].includes(c.method);
  // Calls since this question's placeholder (the first call in its thread).
  const first = slack.calls.findIndex((c) => c.args.thread_ts === root);
  return { root, calls: slack.calls.slice(first).filter(inThread) };
}

describe('streamed model answers in Slack', () => {
  it('streams into the thread (throttled), then replaces the stream with the final reply', async () => {
    const { root, calls } = await ask('how much is shipping?');
    const methods = calls.map((c) => c.method);
    expect(methods[0]).toBe('chat.postMessage'); // the placeholder
    expect(methods[1]).toBe('chat.startStream');
    expect(methods.at(-2)).toBe('chat.stopStream');
    expect(methods.at(-1)).toBe('chat.update');
    expect(methods).toContain('chat.delete');
    const start = calls[1] as SlackApiCall;
    expect(start.args).toMatchObject({
      channel: 'C0STREAM',
      thread_ts: root,
      markdown_text: 'Shipping is ',
      recipient_user_id: 'U0ANA',
      recipient_team_id: bot.teamId,
    });
    const streamTs = start.response?.ts;
    const streamed = calls
      .filter((c) => ['chat.startStream', 'chat.appendStream', 'chat.stopStream'].includes(c.method))
      .map((c) => c.args.markdown_text ?? '')
      .join('');
    expect(streamed).toBe(parts.join(''));
    // Throttled: five deltas 120 ms apart, at most one append per 200 ms.
    expect(calls.filter((c) => c.method === 'chat.appendStream').length).toBeLessThan(parts.length - 1);
    const final = calls.at(-1) as SlackApiCall;
    expect(final.args.ts).toBe(streamTs);
    expect(JSON.stringify(final.args.blocks)).toContain('Shipping is *free* over $50, otherwise $5.');
    // No second answer message: the streamed one is the answer.
    expect(calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
    expect(calls.every((c) => c.response?.ok === true)).toBe(true);
  });

  it('after a provider failure mid-answer, shows the extractive answer in place of the streamed text', async () => {
    const { calls } = await ask('flaky shipping?');
    const final = calls.at(-1) as SlackApiCall;
    expect(final.method).toBe('chat.update');
    expect(JSON.stringify(final.args.blocks)).toContain('Extractive: shipping is free over $50.');
    expect(final.args.ts).toBe(calls.find((c) => c.method === 'chat.startStream')?.response?.ts);
  });

  it('falls back to updating the placeholder when Slack refuses the stream', async () => {
    slack.failNext('chat.startStream', 'not_allowed_token_type');
    const { calls } = await ask('how much is shipping again?');
    const methods = calls.map((c) => c.method);
    expect(methods).not.toContain('chat.appendStream');
    expect(methods).toContain('chat.update');
    const posts = calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(JSON.stringify(posts[1]?.args.blocks)).toContain('Shipping is *free*');
    // The team's refusal is remembered: the next answer does not ask again.
    const next = await ask('and how much is shipping now?');
    expect(next.calls.map((c) => c.method)).not.toContain('chat.startStream');
    expect(next.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(2);
  });
});

describe('createStreamRefusals', () => {
  it('remembers a refusal per team for its time to live', () => {
    let now = 0;
    const refusals = createStreamRefusals(1_000, () => now);
    refusals.refused('T1');
    expect(refusals.allows('T1')).toBe(false);
    expect(refusals.allows('T2')).toBe(true);
    now = 1_000;
    expect(refusals.allows('T1')).toBe(true);
  });
});
