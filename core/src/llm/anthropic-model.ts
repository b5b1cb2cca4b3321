import Anthropic from '@anthropic-ai/sdk';
import { classifyProviderError } from './classify-error';
import { LlmError } from './llm-error';
import { llmDefaults, runWithPolicy } from './stream-runner';
import type { LanguageModel, LlmRequest, ProviderOptions } from './types';

export const anthropicDefaultBaseUrl = 'https://api.anthropic.com';

/** A LanguageModel over Anthropic Messages streaming, with the owner's key. */
export function createAnthropicModel(options: ProviderOptions): LanguageModel {
  const client = new Anthropic({
    apiKey: options.apiKey,
    // Passed explicitly so the SDK reads nothing from the environment.
    baseURL: options.baseURL ?? anthropicDefaultBaseUrl,
    authToken: null,
    maxRetries: 0,
    timeout: (options.totalTimeoutMs ?? llmDefaults.totalTimeoutMs) + 1_000,
    logLevel: 'off',
  });
  const model = options.model;

  async function* attempt(request: LlmRequest, signal: AbortSignal): AsyncGenerator<string> {
    let stream: AsyncIterable<Anthropic.Messages.RawMessageStreamEvent>;
    try {
      stream = await client.messages.create(
        {
          model,
          stream: true,
          max_tokens: request.maxTokens ?? options.maxTokens ?? 800,
          system: request.system,
          messages: request.messages,
        },
        { signal },
      );
    } catch (error) {
      throw classifyProviderError(error, 'anthropic', 'open');
    }
    let finished = false;
    try {
      for await (const event of stream) {
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') yield event.delta.text;
        else if (event.type === 'message_stop') finished = true;
      }
    } catch (error) {
      throw classifyProviderError(error, 'anthropic', 'stream');
    }
    // The SDK ends quietly when the connection closes early; only message_stop proves completion.
    if (!finished && !signal.aborted) {
      throw new LlmError('bad_stream', 'The anthropic stream ended before it finished.', {
        provider: 'anthropic',
      });
    }
  }

  return {
    provider: 'anthropic',
    model,
    stream: (request) =>
      runWithPolicy('anthropic', (signal) => attempt(request, signal), request.signal, options),
  };
}
