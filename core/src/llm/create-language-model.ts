import { createAnthropicModel } from './anthropic-model';
import type { LlmProvider } from './llm-error';
import { createOpenAiModel } from './openai-model';
import type { LanguageModel, ProviderOptions } from './types';

/** The models the seed allows per provider (SCHEMA.md, api_keys). */
export const supportedModels = {
  anthropic: ['claude-sonnet-4-20250514', 'claude-haiku-4-5-20251001'],
  openai: ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1'],
} as const satisfies Record<LlmProvider, readonly string[]>;

export function isSupportedModel(provider: LlmProvider, model: string): boolean {
  return (supportedModels[provider] as readonly string[]).includes(model);
}

/** Builds the LanguageModel for a decrypted api_keys row. */
export function createLanguageModel(provider: LlmProvider, options: ProviderOptions): LanguageModel {
  return provider === 'openai' ? createOpenAiModel(options) : createAnthropicModel(options);
}
