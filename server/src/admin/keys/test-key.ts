import { createLanguageModel, isLlmError, type LlmProvider } from '@clara/core';
import type { Config } from '../../config/load-config';
import { decryptKey, isVaultError } from '../../vault';

/** The outcome of one tiny request with a stored key: never the key, never the provider's message. */
export type KeyTestResult =
  | { ok: true; provider: LlmProvider; model: string; latency_ms: number }
  | {
      ok: false;
      provider: LlmProvider;
      model: string;
      /** An LlmError code (auth, unreachable, rate_limited, timeout, provider_error, bad_stream) or `key_unreadable`. */
      code: string;
      status: number | null;
      provider_code: string | null;
    };

/**
 * Sends one tiny request through the real SDK with a sealed key (decrypted only here, handed to
 * the provider client), with no retries and a short timeout.
 */
export async function testSealedKey(
  sealed: { provider: LlmProvider; model: string; encrypted_key: string },
  masterKey: Buffer,
  llm: Config['llm'],
): Promise<KeyTestResult> {
  const { provider, model } = sealed;
  let apiKey: string;
  try {
    apiKey = decryptKey(sealed.encrypted_key, masterKey);
  } catch (error) {
    if (!isVaultError(error)) throw error;
    return { ok: false, provider, model, code: 'key_unreadable', status: null, provider_code: null };
  }
  const lm = createLanguageModel(provider, {
    apiKey,
    model,
    baseURL: provider === 'openai' ? llm.openAiBaseUrl : llm.anthropicBaseUrl,
    maxRetries: 0,
    totalTimeoutMs: Math.min(llm.totalTimeoutMs, 15_000),
    firstTokenTimeoutMs: Math.min(llm.firstTokenTimeoutMs, 10_000),
    maxTokens: 5,
  });
  const started = Date.now();
  try {
    for await (const _ of lm.stream({
      system: 'Reply with the word OK.',
      messages: [{ role: 'user', content: 'Say OK.' }],
    })) {
      // Only whether the provider answers matters.
    }
    return { ok: true, provider, model, latency_ms: Date.now() - started };
  } catch (error) {
    if (!isLlmError(error)) throw error;
    return {
      ok: false,
      provider,
      model,
      code: error.code,
      status: error.status ?? null,
      provider_code: error.providerCode ?? null,
    };
  }
}
