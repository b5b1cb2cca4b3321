/* biome-ignore-all lint/suspicious/noExplicitAny: activities are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { type AssistantMessage, parseSettings, type TurnEvent, type TurnInput } from '@clara/core';
import {
  type FakeBotConnector,
  newConversation,
  newUser,
  startFakeBotConnector,
  streamInfoOf,
  teamsActivities,
} from '@clara/testkit/teams';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsChannel } from './create-teams-channel';
import { informativeText } from './stream-answer';

// The channel with a scripted engine (its events and their pace chosen per test) against the fake
// Bot Connector, which checks Teams' streaming rules: throttling, the fallbacks, resets.

const workspaceId = '11111111-2222-4333-8444-555555555555';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const logged: { fields: object; message?: string | undefined }[] = [];
const record = (fields: object, message?: string) => void logged.push({ fields, message });
const logger = { debug: record, info: record, warn: record, error: record };

interface Script {
  mode: 'llm' | 'extractive';
  /** Deltas (a `null` is a provider reset) and the pause before each. */
  deltas: (string | null)[];
  pauseMs: number;
  final: string;
}
let script: Script;

const reply = (input: TurnInput, content: string): AssistantMessage => ({
  message_id: input.messageId,
  role: 'assistant',
  content,
  timestamp: new Date().toISOString(),
  suggestion_chips: [],
  gap_detected: false,
  matched_qa_ids: [],
  confidence: 0.9,
  escalation_offered: false,
});
const engine = {
  async turn(): Promise<never> {
    throw new Error('the Teams channel streams turns');
  },
  async *stream(input: TurnInput): AsyncGenerator<TurnEvent> {
    const s = script;
    yield {
      type: 'meta',
      message_id: input.messageId,
      session_token: input.sessionToken,
      mode: s.mode,
      replay: false,
    };
    for (const delta of s.deltas) {
      await sleep(s.pauseMs);
      yield delta === null ? { type: 'reset', mode: 'extractive' } : { type: 'delta', text: delta };
    }
    yield { type: 'done', message: reply(input, s.final) };
  },
};
const channel = createTeamsChannel({
  engine,
  store: { getWorkspace: async (id) => ({ id, name: 'Streams', settings: parseSettings({}) }) },
  credentials: { find: async () => null, hasAny: async () => false },
  emulatorWorkspaceId: workspaceId,
  events: { claim: async () => true, release: async () => undefined },
  logger,
  streamIntervalMs: 100,
  ackWithinMs: 10_000,
});
let connector: FakeBotConnector;
let a: ReturnType<typeof teamsActivities>;

beforeAll(async () => {
  connector = await startFakeBotConnector();
  a = teamsActivities({ serviceUrl: connector.url, botId: '28:stream-bot' });
});
afterEach(() => {
  connector.streaming = 'teams';
  connector.maxStreamMs = 120_000;
});
afterAll(async () => {
  await connector.close();
});

async function ask(type: 'personal' | 'channel' = 'personal', tenantId?: ReturnType<typeof randomUUID>) {
  const conversation = newConversation(type, tenantId);
  const activity =
    type === 'personal'
      ? a.message(conversation, newUser('Ann'), 'How long does shipping take?')
      : a.mention(conversation, newUser('Ann'), 'How long does shipping take?');
  const res = await channel.handle(
    new Request('http://clara.test/teams/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    }),
    { clientIp: '127.0.0.1' },
  );
  expect(res.status).toBe(200);
  await connector.waitFor((c) => c.replyToId === activity.id && c.activity.type === 'message');
  const calls = connector.calls.filter((c) => c.replyToId === activity.id);
  return {
    calls,
    streamed: calls.filter((c) => streamInfoOf(c.activity)),
    messages: calls.filter((c) => c.activity.type === 'message'),
  };
}

const words = (text: string) => text.split(/(?<= )/);

describe('Teams streaming (scripted engine)', () => {
  it('buffers the text: updates at most once per interval, each the whole text so far', async () => {
    const text = 'One two three four five six seven eight nine ten eleven twelve thirteen fourteen.';
    // 14 deltas 25 ms apart (~350 ms) at a 100 ms interval: a few updates, not 14.
    script = { mode: 'llm', deltas: words(text), pauseMs: 25, final: text };
    const { streamed, messages } = await ask();
    const infos = streamed.map((c) => streamInfoOf(c.activity));
    expect(infos[0]?.streamType).toBe('informative');
    expect(streamed[0]?.activity.text).toBe(informativeText);
    const chunks = streamed.filter((c) => streamInfoOf(c.activity)?.streamType === 'streaming');
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    expect(chunks.length).toBeLessThanOrEqual(5);
    expect(chunks.map((c) => streamInfoOf(c.activity)?.streamSequence)).toEqual(chunks.map((_, i) => i + 2));
    for (const c of chunks) expect(text.startsWith(c.activity.text)).toBe(true);
    expect(messages).toHaveLength(1);
    expect(streamInfoOf(messages[0]?.activity ?? {})?.streamType).toBe('final');
    expect(messages[0]?.activity.text).toBe(text);
    expect(streamed.every((c) => c.status === 201 || c.status === 202)).toBe(true);
  });

  it('sends an extractive answer whole, in a personal chat too', async () => {
    script = {
      mode: 'extractive',
      deltas: ['Returns are accepted within 30 days.'],
      pauseMs: 0,
      final: 'Returns are accepted within 30 days.',
    };
    const { streamed, messages } = await ask();
    expect(streamed).toEqual([]);
    expect(messages.map((m) => m.activity.text)).toEqual(['Returns are accepted within 30 days.']);
  });

  it('after a provider reset sends no more chunks; the final message carries the extractive answer', async () => {
    const model = 'The courier usually takes three days, ';
    const extractive = 'Shipping takes 2-4 working days.';
    script = { mode: 'llm', deltas: [...words(model), null, extractive], pauseMs: 40, final: extractive };
    const { streamed, messages } = await ask();
    const chunks = streamed.filter((c) => streamInfoOf(c.activity)?.streamType === 'streaming');
    for (const c of chunks) expect(model.startsWith(c.activity.text)).toBe(true);
    // Every update the fake accepted (no 400 for a text that does not extend the last one).
    expect(streamed.every((c) => c.status === 201 || c.status === 202)).toBe(true);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.activity.text).toBe(extractive);
    expect(streamInfoOf(messages[0]?.activity ?? {})?.streamType).toBe('final');
  });

  it('falls back to the whole message when the connector refuses the stream', async () => {
    connector.streaming = 'refuse';
    const text = 'Parcels leave the warehouse within a day.';
    script = { mode: 'llm', deltas: words(text), pauseMs: 30, final: text };
    const { streamed, messages } = await ask();
    expect(streamed.map((c) => c.status)).toEqual([403]);
    expect(messages).toHaveLength(1);
    expect(streamInfoOf(messages[0]?.activity ?? {})).toBeNull();
    expect(messages[0]?.activity.text).toBe(text);
  });

  it('stops updating once Teams ends the stream (time limit) and sends the whole message instead of the final', async () => {
    connector.maxStreamMs = 150;
    const text = 'A long answer that takes the model longer than the stream may last, word by word.';
    script = { mode: 'llm', deltas: words(text), pauseMs: 30, final: text };
    const { streamed, messages } = await ask();
    const statuses = streamed.map((c) => c.status);
    // Accepted updates, then one refused: no more updates after it, and the final is not tried.
    expect(statuses.filter((s) => s === 403)).toHaveLength(1);
    expect(statuses.at(-1)).toBe(403);
    expect(streamed.filter((c) => streamInfoOf(c.activity)?.streamType === 'final')).toEqual([]);
    expect(messages).toHaveLength(1);
    expect(streamInfoOf(messages[0]?.activity ?? {})).toBeNull();
    expect(messages[0]?.activity.text).toBe(text);
  });

  it('remembers a tenant that refused streaming: its next answers go out whole without asking again', async () => {
    connector.streaming = 'refuse';
    const tenant = randomUUID();
    const text = 'Parcels leave the warehouse within a day.';
    script = { mode: 'llm', deltas: words(text), pauseMs: 10, final: text };
    expect((await ask('personal', tenant)).streamed.map((c) => c.status)).toEqual([403]);
    // The connector's status, code and message are logged (never the request or its token).
    expect(
      logged.find((l) => l.message === 'teams streaming refused; sending the whole answer')?.fields,
    ).toEqual({
      status: 403,
      code: 'ContentStreamNotAllowed',
      detail: 'Content stream is not allowed',
    });
    connector.streaming = 'teams';
    const again = await ask('personal', tenant);
    expect(again.streamed).toEqual([]);
    expect(again.messages.map((m) => m.activity.text)).toEqual([text]);
    // Another tenant still streams.
    expect((await ask('personal')).streamed.length).toBeGreaterThan(1);
  });

  it('sends the whole message in a channel conversation', async () => {
    const text = 'Parcels leave the warehouse within a day.';
    script = { mode: 'llm', deltas: words(text), pauseMs: 10, final: text };
    const { streamed, messages } = await ask('channel');
    expect(streamed).toEqual([]);
    expect(messages.map((m) => m.activity.text)).toEqual([text]);
  });
});
