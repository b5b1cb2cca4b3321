import type { LanguageModel } from '../llm/types';

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

/** The log calls the engine makes (pino's `warn(fields, message)` fits). */
export interface EngineLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
}
