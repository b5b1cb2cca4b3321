import { LlmError, type LlmErrorCode, type LlmProvider } from './llm-error';
import { retryAfterMs } from './retry-after';

/** Where the failure happened: opening the request, or while reading the stream. */
export type FailurePhase = 'open' | 'stream';

interface SdkErrorShape {
  name?: unknown;
  status?: unknown;
  headers?: unknown;
  type?: unknown;
  code?: unknown;
}

const isAbortLike = (name: unknown) => name === 'AbortError' || name === 'APIUserAbortError';

/**
 * The SDK error's class: both SDKs leave `name` as "Error" on their subclasses (an
 * APIConnectionError's name is "Error"), so the constructor's name is read too.
 */
function errorKind(error: unknown, shape: SdkErrorShape): unknown {
  if (typeof shape.name === 'string' && shape.name !== 'Error') return shape.name;
  const ctor = (error as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof ctor === 'string' ? ctor : shape.name;
}

function codeForStatus(status: number): LlmErrorCode {
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate_limited';
  return 'provider_error';
}

const safeToken = (value: unknown) =>
  typeof value === 'string' && /^[\w.-]{1,80}$/.test(value) ? value : undefined;

/**
 * Turns whatever an SDK threw into an LlmError. Only the status, the provider's error
 * type and Retry-After are kept; the SDK's message is dropped because providers echo
 * parts of the key in it.
 */
export function classifyProviderError(error: unknown, provider: LlmProvider, phase: FailurePhase): LlmError {
  if (error instanceof LlmError) return error;
  const shape = (error && typeof error === 'object' ? error : {}) as SdkErrorShape;
  const kind = errorKind(error, shape);
  if (isAbortLike(kind)) return new LlmError('aborted', 'The request was cancelled.', { provider });
  if (kind === 'APIConnectionTimeoutError') {
    return new LlmError('timeout', `${provider} did not answer in time.`, { provider });
  }
  const providerCode = safeToken(shape.code) ?? safeToken(shape.type);
  if (typeof shape.status === 'number') {
    const code = codeForStatus(shape.status);
    return new LlmError(code, `${provider} answered HTTP ${shape.status}.`, {
      provider,
      status: shape.status,
      providerCode,
      retryAfterMs: retryAfterMs(shape.headers as Parameters<typeof retryAfterMs>[0]),
    });
  }
  if (kind === 'APIConnectionError') {
    // No connection at all (DNS, refused, reset, no route): nothing came from the provider.
    return new LlmError('unreachable', `Could not connect to ${provider}.`, { provider });
  }
  if (kind === 'APIError') {
    // An error event inside the stream (OpenAI `data: {"error":…}`, Anthropic `event: error`).
    return new LlmError('provider_error', `${provider} reported an error mid-stream.`, {
      provider,
      providerCode,
    });
  }
  if (phase === 'stream' || error instanceof SyntaxError) {
    return new LlmError('bad_stream', `${provider} sent a broken or incomplete stream.`, { provider });
  }
  return new LlmError('provider_error', `The ${provider} request failed.`, { provider });
}

/** Worth another attempt (before any text was shown): rate limits, 5xx, connection trouble. */
export function isRetryable(error: LlmError): boolean {
  if (error.code === 'rate_limited' || error.code === 'unreachable') return true;
  if (error.code !== 'provider_error') return false;
  return error.status === undefined || error.status >= 500 || error.status === 408 || error.status === 409;
}
