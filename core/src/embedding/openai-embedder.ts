import OpenAI from 'openai';
import { classifyProviderError, isRetryable } from '../llm/classify-error';
import { LlmError } from '../llm/llm-error';
import { openAiDefaultBaseUrl } from '../llm/openai-model';
import type { Embedder } from '../ports';

/** The seed's embedding model (SCHEMA.md: `qa_pairs.embedding vector(1536)`). */
export const openAiEmbeddingModel = 'text-embedding-3-small';
export const openAiEmbeddingDimensions = 1536;
/** Stored on every pair it embeds as `metadata.embedding_model`. */
export const openAiEmbedderId = `openai:${openAiEmbeddingModel}@${openAiEmbeddingDimensions}`;

export interface OpenAiEmbedderOptions {
  apiKey: string;
  /** `OPENAI_BASE_URL`; OpenAI's API when unset. */
  baseURL?: string | undefined;
  /** Texts per request (the API takes up to 2,048 inputs). Default 100. */
  batchSize?: number | undefined;
  /** Per request. Default 20 000 ms. */
  timeoutMs?: number | undefined;
  /** Extra attempts on 429 / 5xx / connection errors. Default 2. */
  maxRetries?: number | undefined;
  /** Base of the exponential backoff when the provider gives no Retry-After. Default 500 ms. */
  retryBaseDelayMs?: number | undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An Embedder over OpenAI's embeddings endpoint (`text-embedding-3-small`, 1536 dimensions, the
 * seed's model): batched, each batch retried on 429/5xx with Retry-After or exponential backoff
 * and limited in time. Failures are LlmErrors (status and provider code only, never the key).
 */
export function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  const batchSize = options.batchSize ?? 100;
  const maxRetries = options.maxRetries ?? 2;
  const baseDelay = options.retryBaseDelayMs ?? 500;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const client = new OpenAI({
    apiKey: options.apiKey,
    // Passed explicitly so the SDK reads nothing from the environment.
    baseURL: options.baseURL ?? openAiDefaultBaseUrl,
    organization: null,
    project: null,
    maxRetries: 0,
    timeout: timeoutMs + 1_000,
    logLevel: 'off',
  });

  async function embedBatch(input: string[]): Promise<Float32Array[]> {
    for (let attempt = 0; ; attempt++) {
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const res = await client.embeddings.create(
          {
            model: openAiEmbeddingModel,
            input,
            dimensions: openAiEmbeddingDimensions,
            encoding_format: 'float',
          },
          { signal },
        );
        const out: Float32Array[] = new Array(input.length);
        for (const item of res.data) out[item.index] = Float32Array.from(item.embedding);
        for (const [i, v] of out.entries()) {
          if (!v || v.length !== openAiEmbeddingDimensions) {
            throw new LlmError('bad_stream', 'openai returned a missing or wrong-sized embedding.', {
              provider: 'openai',
            });
          }
          out[i] = v;
        }
        return out;
      } catch (raw) {
        if (signal.aborted) {
          throw new LlmError('timeout', `openai did not answer within ${timeoutMs} ms.`, {
            provider: 'openai',
          });
        }
        const error = classifyProviderError(raw, 'openai', 'open');
        if (attempt >= maxRetries || !isRetryable(error)) throw error;
        await sleep(error.retryAfterMs ?? baseDelay * 2 ** attempt * (0.5 + Math.random() / 2));
      }
    }
  }

  return {
    id: openAiEmbedderId,
    dimensions: openAiEmbeddingDimensions,
    async embed(texts) {
      const vectors: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        vectors.push(...(await embedBatch(texts.slice(i, i + batchSize).map((t) => t || ' '))));
      }
      return vectors;
    },
  };
}
