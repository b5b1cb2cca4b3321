import type { FeedbackResponse, Rating } from '@clara/contract';

/** A rating to store. */
export interface ChatFeedback {
  workspaceId: string;
  sessionToken: string;
  /** The assistant message's id. */
  messageId: string;
  rating: Rating;
}

/** What the store answers: the rating as it stands and whether a gap was filed for the owner. */
export type ChatFeedbackResult = FeedbackResponse['feedback'];

/**
 * Stores a rating: throws `not_found` for an unknown session or message and `bad_request`
 * for a user message (e.g. `recordFeedback` from @clara/supabase in a transaction).
 */
export type RecordFeedback = (feedback: ChatFeedback) => Promise<ChatFeedbackResult>;
