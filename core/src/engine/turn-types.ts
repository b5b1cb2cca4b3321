import { z } from 'zod';
import type { AssistantMessage } from '../schemas/chat-message';

export const maxMessageLength = 2000;

/** One visitor or colleague message arriving from any channel. */
export const turnInputSchema = z.object({
  workspaceId: z.uuid(),
  sessionToken: z.string().min(1).max(200),
  messageId: z.uuid(),
  message: z
    .string()
    .trim()
    .min(1, 'message is empty')
    .max(maxMessageLength, `message is over ${maxMessageLength} characters`),
  visitor: z
    .object({
      name: z.string().trim().max(200).optional(),
      email: z.email().max(320).optional(),
    })
    .optional(),
  sessionMetadata: z.record(z.string(), z.unknown()).optional(),
});

export type TurnInput = z.input<typeof turnInputSchema>;

/** Who wrote the reply: a language model (`llm`), or Clara's extractive answer (`extractive`). */
export type AnswerMode = 'llm' | 'extractive';

/**
 * What a streaming turn emits, in order: one `meta`, zero or more `delta`, one `done`.
 * A `reset` (after some deltas) means "discard the text so far": the provider failed
 * mid-answer and the deltas that follow are the extractive answer. The text after the
 * last `reset` always equals `done.message.content`.
 */
export type TurnEvent =
  | {
      type: 'meta';
      message_id: string;
      session_token: string;
      /** Null when the reply is replayed from storage (how it was written is not stored). */
      mode: AnswerMode | null;
      replay: boolean;
    }
  | { type: 'delta'; text: string }
  | { type: 'reset'; mode: AnswerMode }
  | { type: 'done'; message: AssistantMessage };

/** Per-call options a channel passes with a turn. */
export interface TurnOptions {
  /**
   * Fires when the caller went away (e.g. the visitor closed the page). It cancels the
   * provider call; the turn is still completed and stored with the extractive answer.
   */
  signal?: AbortSignal | undefined;
}

export interface TurnResult {
  message: AssistantMessage;
  /** True when this request repeated one already answered. */
  replay: boolean;
  /** Null for a reply replayed from storage. */
  mode: AnswerMode | null;
}
