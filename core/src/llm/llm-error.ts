/** Why a language-model call failed. Any of them means: answer extractively instead. */
export const llmErrorCodes = [
  'timeout',
  'rate_limited',
  'provider_error',
  'bad_stream',
  'auth',
  /** No connection to the provider (DNS, refused, reset): no HTTP status, nothing from the provider. */
  'unreachable',
  /** The caller's AbortSignal fired (e.g. the visitor disconnected). */
  'aborted',
  /** Not asked: the key's circuit breaker is open after recent provider or network failures. */
  'circuit_open',
] as const;

export type LlmErrorCode = (typeof llmErrorCodes)[number];

export type LlmProvider = 'openai' | 'anthropic';

export interface LlmErrorOptions {
  /** Null when no provider was involved (no key configured). */
  provider: LlmProvider | null;
  /** HTTP status the provider answered with, when there was one. */
  status?: number | undefined;
  /** The provider's own error type or code (e.g. `rate_limit_error`), safe to log. */
  providerCode?: string | undefined;
  /** Milliseconds the provider asked us to wait (Retry-After), when it said. */
  retryAfterMs?: number | undefined;
}

/**
 * The one error a LanguageModel throws. Messages are written by Clara, never copied from
 * the provider (an OpenAI 401 echoes part of the key), and no `cause` is kept for the same
 * reason: everything on it is safe to log.
 */
export class LlmError extends Error {
  readonly code: LlmErrorCode;
  readonly provider: LlmProvider | null;
  readonly status: number | undefined;
  readonly providerCode: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(code: LlmErrorCode, message: string, options: LlmErrorOptions) {
    super(message);
    this.name = 'LlmError';
    this.code = code;
    this.provider = options.provider;
    this.status = options.status;
    this.providerCode = options.providerCode;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** Fields for a structured log line. */
  toLog(): Record<string, unknown> {
    return {
      code: this.code,
      provider: this.provider,
      status: this.status,
      provider_code: this.providerCode,
      message: this.message,
    };
  }
}

export function isLlmError(error: unknown): error is LlmError {
  return error instanceof LlmError;
}
