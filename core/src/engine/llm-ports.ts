import type { LanguageModel } from '../llm/types';
import type { Logger } from '../logger';

/** Finds the language model a workspace answers with: its default active API key. */
export interface LanguageModelResolver {
  /** The workspace's model, or null when it has no usable key (Clara then answers extractively). */
  resolveModel(workspaceId: string): Promise<LanguageModel | null>;
}

/**
 * Counts LLM-answered messages per workspace and UTC day, shared by every instance (the
 * daily cap that protects an owner's key from abuse).
 */
export interface LlmUsageMeter {
  /** Reserves one answer for `day`; false (nothing reserved) when `cap` answers were already given. */
  tryConsume(workspaceId: string, day: string, cap: number): Promise<boolean>;
  /** Gives a reservation back: the provider failed and the answer was extractive. */
  release(workspaceId: string, day: string): Promise<void>;
}

/** The log calls the engine makes (Clara's one `Logger`). */
export type EngineLogger = Pick<Logger, 'warn' | 'info'>;
