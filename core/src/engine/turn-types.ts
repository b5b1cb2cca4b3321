import { type AnswerMode, maxMessageLength, messageTextSchema, visitorSchema } from '@clara/contract';
import { z } from 'zod';
import type { AssistantMessage } from '../schemas/chat-message';

export type { AnswerMode };
export { maxMessageLength };

/**
 * One visitor or colleague message arriving from any channel. The message and visitor rules are
 * the HTTP contract's (`@clara/contract`), so a channel that validated its request against the
 * contract hands the engine a turn it need not parse again (see `validatedTurn`).
 */
export const turnInputSchema = z.object({
  workspaceId: z.uuid(),
  sessionToken: z.string().min(1).max(200),
  messageId: z.uuid(),
  message: messageTextSchema,
  visitor: z.optional(visitorSchema),
  sessionMetadata: z.record(z.string(), z.unknown()).optional(),
});

export type TurnInput = z.input<typeof turnInputSchema>;

/**
 * Marks a turn a channel built from a request already validated against the contract (the web
 * channel's `chatRequestSchema`: the same message and visitor rules, stricter ids), so the
 * message is validated once, at the boundary, and the engine does not parse it again.
 */
export const validatedTurn: unique symbol = Symbol('clara.validatedTurn');

/** A turn whose fields already satisfy `turnInputSchema` (trimmed message, checked visitor). */
export type ValidatedTurnInput = z.output<typeof turnInputSchema> & { readonly [validatedTurn]: true };

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
