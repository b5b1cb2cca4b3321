import { classifyProviderError, isRetryable } from './classify-error';
import { LlmError, type LlmProvider } from './llm-error';
import { createStorableStream } from './storable-deltas';
import type { LlmTimingOptions } from './types';

/** One attempt at the provider: yields text deltas, throws on failure (LlmError preferred). */
export type OpenAttempt = (signal: AbortSignal) => AsyncIterable<string>;

export const llmDefaults = {
  totalTimeoutMs: 20_000,
  firstTokenTimeoutMs: 10_000,
  maxRetries: 2,
  retryBaseDelayMs: 500,
} as const;

type StopReason = 'caller' | 'total' | 'first_token';

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs provider attempts under Clara's policy: a total deadline and a first-token
 * deadline, retries on 429/5xx before any text was yielded (honouring Retry-After when it
 * fits in the time left), and cancellation through the caller's signal. The text it yields
 * has no character Postgres cannot store (see storable-deltas.ts). Always throws LlmError, never
 * anything else.
 */
export async function* runWithPolicy(
  provider: LlmProvider,
  open: OpenAttempt,
  callerSignal: AbortSignal | undefined,
  timing: LlmTimingOptions = {},
): AsyncGenerator<string> {
  const totalMs = timing.totalTimeoutMs ?? llmDefaults.totalTimeoutMs;
  const firstMs = Math.min(timing.firstTokenTimeoutMs ?? llmDefaults.firstTokenTimeoutMs, totalMs);
  const maxRetries = timing.maxRetries ?? llmDefaults.maxRetries;
  const baseDelay = timing.retryBaseDelayMs ?? llmDefaults.retryBaseDelayMs;
  const startedAt = Date.now();

  const controller = new AbortController();
  let stopped: StopReason | null = null;
  const stop = (why: StopReason) => {
    if (stopped) return;
    stopped = why;
    controller.abort();
  };
  const stopError = (why: StopReason) =>
    why === 'caller'
      ? new LlmError('aborted', 'The request was cancelled.', { provider })
      : new LlmError(
          'timeout',
          why === 'first_token'
            ? `${provider} sent no text within ${firstMs} ms.`
            : `${provider} did not finish within ${totalMs} ms.`,
          { provider },
        );

  if (callerSignal?.aborted) throw stopError('caller');
  const onCallerAbort = () => stop('caller');
  callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  const totalTimer = setTimeout(() => stop('total'), totalMs);
  const firstTimer = setTimeout(() => stop('first_token'), firstMs);
  let yielded = false;

  try {
    for (let attempt = 0; ; attempt++) {
      // Every consumer gets text Postgres can store (no NUL, no lone surrogate): a model's reply
      // is saved as it is shown, and an unstorable character must not fail the turn.
      const storable = createStorableStream();
      try {
        for await (const raw of open(controller.signal)) {
          if (stopped) break;
          const delta = storable(raw);
          if (!delta) continue;
          if (!yielded) {
            yielded = true;
            clearTimeout(firstTimer);
          }
          yield delta;
        }
        if (stopped) throw stopError(stopped);
        return;
      } catch (raw) {
        if (stopped) throw stopError(stopped);
        const error = classifyProviderError(raw, provider, yielded ? 'stream' : 'open');
        if (yielded || attempt >= maxRetries || !isRetryable(error)) throw error;
        const wait = error.retryAfterMs ?? baseDelay * 2 ** attempt * (0.5 + Math.random() / 2);
        const left = startedAt + firstMs - Date.now();
        if (wait > left) throw error;
        await sleep(wait, controller.signal);
        if (stopped) throw stopError(stopped);
      }
    }
  } finally {
    clearTimeout(totalTimer);
    clearTimeout(firstTimer);
    callerSignal?.removeEventListener('abort', onCallerAbort);
    // Tears the HTTP request down when the consumer stops early.
    controller.abort();
  }
}
