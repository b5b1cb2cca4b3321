import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLanguageModel } from './create-language-model';
import { LlmError, type LlmProvider } from './llm-error';
import type { FakeProviderServer } from './testing/fake-provider-server';
import { startFakeAnthropic, startFakeOpenAi } from './testing/index';
import type { LlmRequest, LlmTimingOptions } from './types';

const apiKey = 'sk-test-SECRET-0123456789abcdef-WXYZ';
const request: LlmRequest = {
  system:
    'You are Acme Helper. <knowledge_base>[1] Q: Do you ship abroad? A: Yes, to 30 countries.</knowledge_base>',
  messages: [
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello! How can I help?' },
    { role: 'user', content: 'Do you ship to France?' },
  ],
};
const fast: LlmTimingOptions = { totalTimeoutMs: 3_000, firstTokenTimeoutMs: 2_000, retryBaseDelayMs: 10 };

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const deltas: string[] = [];
  for await (const delta of iterable) deltas.push(delta);
  return deltas;
}

async function failure(iterable: AsyncIterable<string>): Promise<LlmError> {
  try {
    await collect(iterable);
  } catch (error) {
    expect(error).toBeInstanceOf(LlmError);
    return error as LlmError;
  }
  throw new Error('expected the stream to fail');
}

const cases: [LlmProvider, () => Promise<FakeProviderServer>][] = [
  ['openai', () => startFakeOpenAi()],
  ['anthropic', () => startFakeAnthropic()],
];

describe.each(cases)('%s through the real SDK and a fake server', (provider, start) => {
  let fake: FakeProviderServer;
  const model = (timing: LlmTimingOptions = fast) =>
    createLanguageModel(provider, { apiKey, model: 'test-model', baseURL: fake.baseURL, ...timing });

  beforeAll(async () => {
    fake = await start();
  });
  afterAll(() => fake.close());

  it('streams deltas before the provider has finished, and sends prompt, turns and key', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const text = 'Yes, we ship to France and 29 other countries.';
    fake.script({ type: 'reply', text, gate, gateAfter: 1 });
    const before = fake.requests.length;
    const deltas: string[] = [];
    let completedAtFirstDelta = -1;
    for await (const delta of model().stream(request)) {
      if (deltas.length === 0) {
        completedAtFirstDelta = fake.completed;
        release();
      }
      deltas.push(delta);
    }
    expect(completedAtFirstDelta).toBe(0);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(text);

    const sent = fake.requests[before];
    const body = JSON.stringify(sent?.body);
    expect(body).toContain('You are Acme Helper.');
    expect(body).toContain('Do you ship abroad?');
    expect(body).toContain('Do you ship to France?');
    expect((sent?.body as { stream?: boolean } | undefined)?.stream).toBe(true);
    expect(JSON.stringify(sent?.headers)).toContain(apiKey);
  });

  it('retries a 429 after the Retry-After it was given, then succeeds', async () => {
    fake.script(
      { type: 'error', status: 429, retryAfter: '1' },
      { type: 'reply', text: 'Second time lucky.' },
    );
    const before = fake.requests.length;
    const startedAt = Date.now();
    const deltas = await collect(model({ ...fast, firstTokenTimeoutMs: 2_500 }).stream(request));
    expect(deltas.join('')).toBe('Second time lucky.');
    expect(fake.requests.length - before).toBe(2);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(950);
  });

  it('gives up at once when Retry-After does not fit in the time left', async () => {
    fake.script({ type: 'error', status: 429, retryAfter: '30' });
    const error = await failure(model().stream(request));
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(30_000);
  });

  it('turns repeated 500s into provider_error after bounded retries', async () => {
    fake.script({ type: 'error', status: 500 }, { type: 'error', status: 500 });
    const before = fake.requests.length;
    const error = await failure(model({ ...fast, maxRetries: 1 }).stream(request));
    expect(error.code).toBe('provider_error');
    expect(error.status).toBe(500);
    expect(fake.requests.length - before).toBe(2);
  });

  it('reports a rejected key as auth without any key material', async () => {
    fake.script({ type: 'error', status: 401, echoKey: true });
    const error = await failure(model().stream(request));
    expect(error.code).toBe('auth');
    // The provider read the key and put it in its error body: the error must still not carry it.
    const sent = fake.requests.at(-1);
    expect(sent && fake.credentialOf(sent)).toBe(apiKey);
    const everything = `${error.message} ${error.stack} ${JSON.stringify(error)} ${JSON.stringify(error.toLog())} ${String(error.cause)}`;
    expect(everything).not.toContain(apiKey);
    expect(everything).not.toContain('SECRET');
  });

  it('times out when the provider never answers', async () => {
    fake.script({ type: 'hang' });
    const error = await failure(model({ ...fast, firstTokenTimeoutMs: 300 }).stream(request));
    expect(error.code).toBe('timeout');
  });

  it('times out when the stream stalls halfway', async () => {
    fake.script({ type: 'reply', text: 'one two three four', hangAfter: 2 });
    const deltas: string[] = [];
    const error = await failure(
      (async function* () {
        for await (const d of model({ ...fast, totalTimeoutMs: 600 }).stream(request)) {
          deltas.push(d);
          yield d;
        }
      })(),
    );
    expect(error.code).toBe('timeout');
    expect(deltas.join('')).toBe('one two ');
  });

  it.each(['destroy', 'end'] as const)('calls a stream cut halfway (%s) bad_stream', async (cutMode) => {
    fake.script({ type: 'reply', text: 'one two three four', cutAfter: 2, cutMode });
    const error = await failure(model().stream(request));
    expect(error.code).toBe('bad_stream');
  });

  it('calls malformed JSON in the stream bad_stream', async () => {
    fake.script({ type: 'reply', text: 'one two three', malformedAfter: 1 });
    const error = await failure(model().stream(request));
    expect(error.code).toBe('bad_stream');
  });

  it('stops when the caller aborts, and the provider never finishes', async () => {
    const controller = new AbortController();
    fake.script({ type: 'reply', text: 'a b c d e f g h', delayMs: 50 });
    const deltas: string[] = [];
    const completedBefore = fake.completed;
    const error = await failure(
      (async function* () {
        for await (const d of model().stream({ ...request, signal: controller.signal })) {
          deltas.push(d);
          if (deltas.length === 2) controller.abort();
          yield d;
        }
      })(),
    );
    expect(error.code).toBe('aborted');
    expect(deltas.length).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fake.completed).toBe(completedBefore);
  });

  it('does not call the provider for an already-aborted signal', async () => {
    const before = fake.requests.length;
    const error = await failure(model().stream({ ...request, signal: AbortSignal.abort() }));
    expect(error.code).toBe('aborted');
    expect(fake.requests.length).toBe(before);
  });
});
