import OpenAI from 'openai';
import { classifyProviderError } from './classify-error';
import { LlmError } from './llm-error';
import { llmDefaults, runWithPolicy } from './stream-runner';
import type { LanguageModel, LlmRequest, ProviderOptions } from './types';

export const openAiDefaultBaseUrl = 'https://api.openai.com/v1';

/** A LanguageModel over OpenAI Chat Completions streaming, with the owner's key. */
export function createOpenAiModel(options: ProviderOptions): LanguageModel {
  const client = new OpenAI({
    apiKey: options.apiKey,
    // Passed explicitly so the SDK reads nothing from the environment.
    baseURL: options.baseURL ?? openAiDefaultBaseUrl,
    organization: null,
    project: null,
    maxRetries: 0,
    timeout: (options.totalTimeoutMs ?? llmDefaults.totalTimeoutMs) + 1_000,
    logLevel: 'off',
  });
  const model = options.model;

  async function* attempt(request: LlmRequest, signal: AbortSignal): AsyncGenerator<string> {
    let stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>;
    try {
      stream = await client.chat.completions.create(
        {
          model,
          stream: true,
          max_completion_tokens: request.maxTokens ?? options.maxTokens ?? 800,
          messages: [{ role: 'system', content: request.system }, ...request.messages],
        },
        { signal },
      );
    } catch (error) {
      throw classifyProviderError(error, 'openai', 'open');
    }
    let finished = false;
    try {
      for await (const chunk of stream) {
        const choice = chunk.choices?.[0];
        if (!choice) continue;
        if (choice.delta?.content) yield choice.delta.content;
        if (choice.finish_reason) finished = true;
      }
    } catch (error) {
      throw classifyProviderError(error, 'openai', 'stream');
    }
    // The SDK ends quietly when the connection closes early; only finish_reason proves completion.
    if (!finished && !signal.aborted) {
      throw new LlmError('bad_stream', 'The openai stream ended before it finished.', { provider: 'openai' });
    }
  }

  return {
    provider: 'openai',
    model,
    stream: (request) =>
      runWithPolicy('openai', (signal) => attempt(request, signal), request.signal, options),
  };
}
