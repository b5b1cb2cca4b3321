import { randomUUID } from 'node:crypto';
import { type FakeProviderServer, startFakeAnthropic, startFakeOpenAi } from '@clara/core/testing/llm';
import { createChatClient, shownText } from '@clara/testkit/chat-client';
import { shopPairs } from '@clara/testkit/shop-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';
import { keysCommand } from '../cli/keys-command';

// A reply cut at the 10,000-character cap ends at a sentence end or a whole word, then "…", even
// when the provider streams in pieces that split words (the piece crossing the cap starts mid-word).
const canada = {
  question: 'How long does shipping take to Canada?',
  answer: 'Delivery to Canada takes 5 to 7 working days.',
  category: 'general',
};
const question = 'how long is delivery to canada?';
const models = { openai: 'gpt-4o-mini', anthropic: 'claude-haiku-4-5-20251001' } as const;

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
      key: `sk-test-${provider}-reply-cap-0123456789`,
      default: true,
    });
  }
});

afterAll(async () => {
  await server?.close();
  await Promise.all(Object.values(fakes).map((f) => f.close()));
});

/** Streams `full` in `size`-character pieces and returns the reply shown over SSE and stored. */
async function cutReply(provider: 'openai' | 'anthropic', full: string, size: number) {
  const chunks: string[] = [];
  for (let i = 0; i < full.length; i += size) chunks.push(full.slice(i, i + size));
  fakes[provider].script({ type: 'reply', text: full, chunks });
  const turn = { ...client.turn(ws[provider], question), message_id: randomUUID() };
  const { events } = await client.sse(turn);
  const shown = shownText(events);
  expect(events.find((e) => e.event === 'meta')?.data.mode).toBe('llm');
  expect(events.at(-1)).toMatchObject({ event: 'done', data: { message: { content: shown } } });
  const history = await client.history(ws[provider], turn.session_token);
  expect(history.map((m) => m.content)).toEqual([question, shown]);
  return shown;
}

describe.each(['openai', 'anthropic'] as const)('a %s reply cut at the cap', (provider) => {
  it('ends at the last sentence end before the cap, then "…"', async () => {
    // Sentences of 61 characters in 3-character pieces: the piece at the cap starts inside a word.
    const full = 'All parcels to Canada travel by air and arrive within a week. '.repeat(400);
    const shown = await cutReply(provider, full, 3);
    expect(shown.length).toBeLessThanOrEqual(10_000);
    expect(shown.length).toBeGreaterThan(9_900);
    expect(shown.endsWith('week.…')).toBe(true);
    expect(full.startsWith(shown.slice(0, -1))).toBe(true);
  });

  it('ends at the last whole word when no sentence ends near the cap', async () => {
    // One long sentence of 19-character words (no full stop) in 5-character pieces: the piece
    // that crosses the cap starts at 9,995, inside a word.
    const full = 'abcdefghijklmnopqr '.repeat(700);
    const shown = await cutReply(provider, full, 5);
    expect(shown.length).toBeLessThanOrEqual(10_000);
    expect(shown.length).toBeGreaterThan(9_900);
    const kept = shown.slice(0, -1);
    expect(shown.endsWith(' abcdefghijklmnopqr…')).toBe(true);
    expect(full.startsWith(kept)).toBe(true);
    expect(full[kept.length]).toBe(' ');
  });
});
