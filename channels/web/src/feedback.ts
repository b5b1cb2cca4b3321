import { z } from 'zod';

/** POST /api/chat/feedback body: a thumbs rating on an assistant message. */
export const feedbackRequestSchema = z.object({
  workspace_id: z.uuid({ message: 'workspace_id must be a UUID' }),
  session_token: z.uuid({ message: 'session_token must be a UUID' }),
  message_id: z.uuid({ message: 'message_id must be a UUID' }),
  rating: z.enum(['up', 'down'], { message: 'rating must be "up" or "down"' }),
});

/** A rating to store. */
export interface ChatFeedback {
  workspaceId: string;
  sessionToken: string;
  /** The assistant message's id. */
  messageId: string;
  rating: 'up' | 'down';
}

/** What the store answers: the rating as it stands and whether a gap was filed for the owner. */
export interface ChatFeedbackResult {
  message_id: string;
  feedback: 'up' | 'down';
  feedback_at: string;
  gap_filed: boolean;
}

/**
 * Stores a rating: throws `not_found` for an unknown session or message and `bad_request`
 * for a user message (e.g. `recordFeedback` from @clara/supabase in a transaction).
 */
export type RecordFeedback = (feedback: ChatFeedback) => Promise<ChatFeedbackResult>;
