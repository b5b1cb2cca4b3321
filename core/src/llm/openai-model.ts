import OpenAI from 'openai';
import { classifyProviderError } from './classify-error';
import { createJsonReplyReader } from './json-reply-reader';
import { judgementJsonSchema, judgementToolName } from './judgement';
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

  // Structured output, reply first so its text can be shown while it streams.
  const judgedFormat = {
    type: 'json_schema',
    json_schema: {
      name: judgementToolName,
      strict: true,
      schema: {
        ...judgementJsonSchema,
        properties: {
          reply: { type: 'string', description: 'Your message to the visitor.' },
          ...judgementJsonSchema.properties,
        },
        required: ['reply', ...judgementJsonSchema.required],
      },
    },
  } as const;

  async function* attempt(request: LlmRequest, signal: AbortSignal): AsyncGenerator<string> {
    let stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>;
    try {
      stream = await client.chat.completions.create(
        {
          model,
          stream: true,
          max_completion_tokens: request.maxTokens ?? options.maxTokens ?? 800,
          messages: [{ role: 'system', content: request.system }, ...request.messages],
          ...(request.onJudgement ? { response_format: judgedFormat } : {}),
        },
        { signal },
      );
    } catch (error) {
      throw classifyProviderError(error, 'openai', 'open');
    }
    let finished = false;
    const reader = request.onJudgement ? createJsonReplyReader() : null;
    try {
      for await (const chunk of stream) {
        const choice = chunk.choices?.[0];
        if (!choice) continue;
        const content = choice.delta?.content;
        if (content) yield reader ? reader.push(content) : content;
        if (choice.finish_reason) finished = true;
      }
    } catch (error) {
      throw classifyProviderError(error, 'openai', 'stream');
    }
    if (reader && finished) {
      const { rest, document } = reader.end();
      if (rest) yield rest;
      if (document !== undefined) request.onJudgement?.(document);
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
