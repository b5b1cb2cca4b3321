import { z } from 'zod';

/** The seed's ChatMessage: one element of `chat_sessions.messages`. */
export const chatMessageSchema = z.object({
  message_id: z.uuid(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  timestamp: z.string(),
  suggestion_chips: z.array(z.string()).optional(),
  gap_detected: z.boolean().optional(),
  matched_qa_ids: z.array(z.uuid()).optional(),
  confidence: z.number().min(0).max(1).optional(),
  escalation_offered: z.boolean().optional(),
  /**
   * Which kind of reply this is: `answer` (from the knowledge base), `clarify` ("Did you mean…?"
   * with the closest questions as `suggestion_chips`) or `gap` (the honest fallback).
   */
  reply_kind: z.enum(['answer', 'clarify', 'gap']).optional(),
  /** The visitor's thumbs rating on an assistant message (POST /api/chat/feedback). */
  feedback: z.enum(['up', 'down']).optional(),
  feedback_at: z.string().optional(),
});

export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** The three kinds of assistant reply. */
export type ReplyKind = NonNullable<ChatMessage['reply_kind']>;

/** An assistant message always carries every assistant-only field. */
export type AssistantMessage = ChatMessage & {
  role: 'assistant';
  suggestion_chips: string[];
  gap_detected: boolean;
  matched_qa_ids: string[];
  confidence: number;
  escalation_offered: boolean;
};
