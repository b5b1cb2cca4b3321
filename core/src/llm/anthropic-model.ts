import Anthropic from '@anthropic-ai/sdk';
import { classifyProviderError } from './classify-error';
import { judgementJsonSchema, judgementToolName } from './judgement';
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

  // The judgement is a tool the model calls after its text (the tool's input is the report).
  const judgementTool = {
    name: judgementToolName,
    description:
      'Report, after your reply, which knowledge base entries your reply relies on and whether they answer the question.',
    input_schema: judgementJsonSchema,
  };

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
          ...(request.onJudgement ? { tools: [judgementTool], tool_choice: { type: 'auto' as const } } : {}),
        },
        { signal },
      );
    } catch (error) {
      throw classifyProviderError(error, 'anthropic', 'open');
    }
    let finished = false;
    // The judgement tool's input, streamed as partial JSON (input_json_delta) and parsed at the end.
    let toolIndex = -1;
    let toolJson = '';
    try {
      for await (const event of stream) {
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') yield event.delta.text;
        else if (
          event.type === 'content_block_start' &&
          event.content_block.type === 'tool_use' &&
          event.content_block.name === judgementToolName
        )
          toolIndex = event.index;
        else if (
          event.type === 'content_block_delta' &&
          event.delta.type === 'input_json_delta' &&
          event.index === toolIndex
        )
          toolJson += event.delta.partial_json;
        else if (event.type === 'message_stop') finished = true;
      }
    } catch (error) {
      throw classifyProviderError(error, 'anthropic', 'stream');
    }
    if (finished && toolIndex >= 0 && request.onJudgement) {
      try {
        request.onJudgement(JSON.parse(toolJson || '{}'));
      } catch {
        request.onJudgement(null);
      }
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
