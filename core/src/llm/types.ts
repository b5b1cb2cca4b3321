import type { LlmProvider } from './llm-error';

/** One earlier turn of the conversation, as the provider sees it. */
export interface LlmMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** What a language model is asked: a system prompt and the conversation, visitor's message last. */
export interface LlmRequest {
  system: string;
  messages: LlmMessage[];
  maxTokens?: number | undefined;
  /** Aborting stops the provider request; the stream then throws LlmError('aborted'). */
  signal?: AbortSignal | undefined;
  /**
   * Asks the model to report, after its text, which entries it used and whether they answer
   * (OpenAI: JSON schema output; Anthropic: a `report_answer` tool call). Called once with the
   * report's raw fields when the stream has finished, not at all when the model gave none.
   */
  onJudgement?: ((raw: unknown) => void) | undefined;
}

/**
 * The port the chat engine talks to. `stream` yields text deltas as the provider writes
 * them and finishes only when the provider said it was done; any failure is an LlmError.
 */
export interface LanguageModel {
  readonly provider: LlmProvider;
  readonly model: string;
  stream(request: LlmRequest): AsyncIterable<string>;
}

/** Time limits and retries shared by every provider. */
export interface LlmTimingOptions {
  /** Whole call, retries included. Default 20 000 ms. */
  totalTimeoutMs?: number | undefined;
  /** From the call until the first text delta. Default 10 000 ms. */
  firstTokenTimeoutMs?: number | undefined;
  /** Extra attempts on 429 / 5xx / connection errors before the first token. Default 2. */
  maxRetries?: number | undefined;
  /** Base of the exponential backoff when the provider gives no Retry-After. Default 500 ms. */
  retryBaseDelayMs?: number | undefined;
}

/** How to reach one provider with the owner's key. */
export interface ProviderOptions extends LlmTimingOptions {
  apiKey: string;
  model: string;
  /** `OPENAI_BASE_URL` / `ANTHROPIC_BASE_URL`; the provider's public API when unset. */
  baseURL?: string | undefined;
  /** Default max output tokens when a request gives none. Default 800. */
  maxTokens?: number | undefined;
}
