import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LlmError } from '../llm/llm-error';
import type { FakeProviderServer } from '../llm/testing/fake-provider-server';
import { startFakeOpenAi } from '../llm/testing/index';
import { hashEmbed } from './hashing-embedder';
import { createOpenAiEmbedder, openAiEmbedderId } from './openai-embedder';

const apiKey = 'sk-test-EMBED-SECRET-0123456789';
let fake: FakeProviderServer;

beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(() => fake.close());

const embeddingRequests = (from: number) =>
  fake.requests.slice(from).filter((r) => r.path === '/v1/embeddings');

describe('the OpenAI embedder through the real SDK and a fake /v1/embeddings', () => {
  it('embeds in batches with text-embedding-3-small at 1536 dimensions, in input order', async () => {
    const embedder = createOpenAiEmbedder({ apiKey, baseURL: fake.baseURL, batchSize: 100 });
    expect(embedder).toMatchObject({ id: openAiEmbedderId, dimensions: 1536 });
    const texts = Array.from({ length: 250 }, (_, i) => `Question number ${i} about shipping`);
    const before = fake.requests.length;
    const vectors = await embedder.embed(texts);
    const sent = embeddingRequests(before);
    expect(sent.map((r) => (r.body as { input: string[] }).input.length)).toEqual([100, 100, 50]);
    for (const r of sent) {
      expect(r.body).toMatchObject({
        model: 'text-embedding-3-small',
        dimensions: 1536,
        encoding_format: 'float',
      });
      expect(r.headers.authorization).toBe(`Bearer ${apiKey}`);
    }
    expect(vectors).toHaveLength(250);
    expect(vectors[0]?.length).toBe(1536);
    expect(Array.from(vectors[137] ?? [])).toEqual(Array.from(hashEmbed(texts[137] ?? '', 1536)));
  });

  it('retries a 429 (after its Retry-After) and a 500, then succeeds', async () => {
    const embedder = createOpenAiEmbedder({ apiKey, baseURL: fake.baseURL, retryBaseDelayMs: 10 });
    fake.scriptRoutes({ type: 'error', status: 429, retryAfter: '0' }, { type: 'error', status: 500 });
    const before = fake.requests.length;
    const [v] = await embedder.embed(['Do you ship to Canada?']);
    expect(embeddingRequests(before)).toHaveLength(3);
    expect(v?.length).toBe(1536);
  });

  it('fails with an LlmError without the key: at once on 401, after the retries on 5xx, on time on a hang', async () => {
    const embedder = createOpenAiEmbedder({
      apiKey,
      baseURL: fake.baseURL,
      retryBaseDelayMs: 5,
      timeoutMs: 300,
    });
    fake.scriptRoutes({ type: 'error', status: 401, echoKey: true });
    let before = fake.requests.length;
    const auth = await embedder.embed(['x']).catch((e: unknown) => e);
    expect(auth).toBeInstanceOf(LlmError);
    expect(auth).toMatchObject({ code: 'auth', status: 401 });
    expect(String((auth as Error).message)).not.toContain(apiKey);
    expect(embeddingRequests(before)).toHaveLength(1);

    fake.scriptRoutes(...Array.from({ length: 3 }, () => ({ type: 'error' as const, status: 503 })));
    before = fake.requests.length;
    await expect(embedder.embed(['x'])).rejects.toMatchObject({ code: 'provider_error', status: 503 });
    expect(embeddingRequests(before)).toHaveLength(3);

    fake.scriptRoutes({ type: 'hang' }, { type: 'hang' }, { type: 'hang' });
    const started = Date.now();
    await expect(embedder.embed(['x'])).rejects.toMatchObject({ code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
