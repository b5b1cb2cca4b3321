import { randomUUID } from 'node:crypto';
import { isStorableText } from '@clara/core';
import { type FakeProviderServer, startFakeAnthropic, startFakeOpenAi } from '@clara/core/testing/llm';
import { createChatClient, shownText } from '@clara/testkit/chat-client';
import { shopPairs } from '@clara/testkit/shop-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';
import { keysCommand } from '../cli/keys-command';

// A model's reply with a character Postgres cannot store (NUL, a lone surrogate) completes the
// turn with that character dropped; a reply far past any token limit is cut at 10,000 characters.
const canada = {
  question: 'How long does shipping take to Canada?',
  answer: 'Delivery to Canada takes 5 to 7 working days.',
  category: 'general',
};
const question = 'how long is delivery to canada?';
const models = { openai: 'gpt-4o-mini', anthropic: 'claude-haiku-4-5-20251001' } as const;
const judgement = { used_entries: [1], answered: true };

let server: TestServer;
const fakes = {} as Record<'openai' | 'anthropic', FakeProviderServer>;
const ws = { openai: '', anthropic: '' };
const client = createChatClient(() => server.url);

beforeAll(async () => {
  [fakes.openai, fakes.anthropic] = await Promise.all([startFakeOpenAi(), startFakeAnthropic()]);
  server = await startTestServer({
    env: {
      OPENAI_BASE_URL: fakes.openai.baseURL,
      ANTHROPIC_BASE_URL: fakes.anthropic.baseURL,
      CLARA_LLM_TIMEOUT_MS: '20000',
      CLARA_LLM_FIRST_TOKEN_TIMEOUT_MS: '5000',
    },
  });
  for (const provider of ['openai', 'anthropic'] as const) {
    ws[provider] = (await server.createWorkspace()).workspaceId;
    await server.addPairs(ws[provider], [...shopPairs, canada]);
    await keysCommand(server.runtime, 'add', {
      workspace: ws[provider],
      provider,
      model: models[provider],
      key: `sk-test-${provider}-storable-0123456789`,
      default: true,
    });
  }
});

afterAll(async () => {
  await server?.close();
  await Promise.all(Object.values(fakes).map((f) => f.close()));
});

describe.each(['openai', 'anthropic'] as const)('a %s reply Postgres cannot store as written', (provider) => {
  const cases = [
    { name: 'a NUL', text: 'bad \u0000 nul', clean: 'bad  nul' },
    { name: 'a lone surrogate', text: 'ok \ud83d then', clean: 'ok  then' },
  ];

  it.each(cases)(
    'with $name completes the JSON turn with the model answer, and a retry replays it',
    async ({ text, clean }) => {
      fakes[provider].script({ type: 'reply', text, judgement });
      const turn = client.turn(ws[provider], question);
      const first = await client.json(turn);
      expect(first.status).toBe(200);
      expect(first.body.message).toMatchObject({ role: 'assistant', content: clean, gap_detected: false });
      const history = await client.history(ws[provider], turn.session_token);
      expect(history.map((m) => [m.role, m.content])).toEqual([
        ['user', question],
        ['assistant', clean],
      ]);
      // The same message again is answered from the stored reply at once (no lease to wait out).
      const startedAt = Date.now();
      const again = await client.json(turn);
      expect(again.status).toBe(200);
      expect(again.body.message).toMatchObject({ content: clean, message_id: first.body.message.message_id });
      expect(Date.now() - startedAt).toBeLessThan(5_000);
    },
  );

  it.each(cases)('with $name streams and stores only storable text over SSE', async ({ text, clean }) => {
    fakes[provider].script({ type: 'reply', text, judgement });
    const turn = client.turn(ws[provider], question);
    const { status, events } = await client.sse(turn);
    expect(status).toBe(200);
    expect(events.map((e) => e.event)).not.toContain('error');
    expect(events.map((e) => e.event)).not.toContain('reset');
    for (const e of events) expect(isStorableText(JSON.stringify(e.data))).toBe(true);
    expect(events.find((e) => e.event === 'meta')?.data.mode).toBe('llm');
    expect(shownText(events)).toBe(clean);
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { message: { content: clean } } });
    const history = await client.history(ws[provider], turn.session_token);
    expect(history.map((m) => m.content)).toEqual([question, clean]);
  });
});

describe.each(['openai', 'anthropic'] as const)('a %s reply that ignores the token limit', (provider) => {
  it('is cut at 10,000 characters, shown and stored that way', async () => {
    // A gateway ignoring max_tokens: 6,000,000 characters in 3,000-character chunks.
    const chunk = 'All parcels to Canada travel by air and arrive within a week. '.repeat(48).slice(0, 3_000);
    const chunks = Array.from({ length: 2_000 }, () => chunk);
    fakes[provider].script({ type: 'reply', text: chunks.join(''), chunks });
    const turn = { ...client.turn(ws[provider], question), message_id: randomUUID() };
    const { events } = await client.sse(turn);
    const shown = shownText(events);
    expect(events.find((e) => e.event === 'meta')?.data.mode).toBe('llm');
    expect(shown.length).toBeLessThanOrEqual(10_000);
    expect(shown.length).toBeGreaterThan(9_000);
    // The model's own text up to the last whole word that fits, then "…".
    const full = chunks.join('');
    expect(shown.endsWith('…')).toBe(true);
    expect(full.startsWith(shown.slice(0, -1))).toBe(true);
    expect(full[shown.length - 1]).toBe(' ');
    expect(client.bodies.at(-1)?.length ?? 0).toBeLessThan(50_000);
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { message: { content: shown } } });
    const history = await client.history(ws[provider], turn.session_token);
    expect(history.map((m) => m.content)).toEqual([question, shown]);
  });
});
