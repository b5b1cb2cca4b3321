import { z } from 'zod/mini';

/** The three kinds of assistant reply. */
export const replyKinds = ['answer', 'clarify', 'gap'] as const;

/** A visitor's thumbs rating on an assistant message. */
export const ratings = ['up', 'down'] as const;

/** The seed's ChatMessage: one element of `chat_sessions.messages`, as the chat API returns it. */
export const chatMessageSchema = z.object({
  message_id: z.uuid(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  timestamp: z.string(),
  suggestion_chips: z.optional(z.array(z.string())),
  gap_detected: z.optional(z.boolean()),
  matched_qa_ids: z.optional(z.array(z.uuid())),
  confidence: z.optional(z.number().check(z.gte(0), z.lte(1))),
  escalation_offered: z.optional(z.boolean()),
  /**
   * The visitor asked for a person, a call, a demo or a quote (set only then), whether or not the
   * booking link could be offered: the admin's Conversations list it under "Asked for a person".
   */
  asked_for_person: z.optional(z.boolean()),
  /**
   * Which kind of reply this is: `answer` (from the knowledge base), `clarify` ("Did you mean…?"
   * with the closest questions as `suggestion_chips`) or `gap` (the honest fallback).
   */
  reply_kind: z.optional(z.enum(replyKinds)),
  /** The visitor's thumbs rating on an assistant message (POST /api/chat/feedback). */
  feedback: z.optional(z.enum(ratings)),
  feedback_at: z.optional(z.string()),
});

export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** `answer`, `clarify` ("Did you mean…?") or `gap`. */
export type ReplyKind = (typeof replyKinds)[number];

/** `up` or `down`. */
export type Rating = (typeof ratings)[number];

/** An assistant message always carries every assistant-only field. */
export type AssistantMessage = ChatMessage & {
  role: 'assistant';
  suggestion_chips: string[];
  gap_detected: boolean;
  matched_qa_ids: string[];
  confidence: number;
  escalation_offered: boolean;
};
