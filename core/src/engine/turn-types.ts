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

export type AnswerMode = 'extractive';

/** What a streaming turn emits, in order: one `meta`, zero or more `delta`, one `done`. */
export type TurnEvent =
  | { type: 'meta'; message_id: string; session_token: string; mode: AnswerMode; replay: boolean }
  | { type: 'delta'; text: string }
  | { type: 'done'; message: AssistantMessage };

export interface TurnResult {
  message: AssistantMessage;
  /** True when this request repeated one already answered. */
  replay: boolean;
  mode: AnswerMode;
}
