/** A conversation as `GET /api/admin/conversations` lists it. */
export interface ConversationSummary {
  id: string;
  created_at: string;
  updated_at: string;
  visitor_name: string | null;
  visitor_email: string | null;
  /** The visitor asked for a person, a call, a demo or a quote. */
  escalated: boolean;
  /** The booking link was offered (also after two unanswered questions in a row). */
  booking_offered: boolean;
  channel: string;
  message_count: number;
  first_question: string | null;
  /**
   * Replies that filed or joined a gap (gaps, "Did you mean…?", answers the visitor rated down),
   * however they ended: never fewer than `open_gap_count`.
   */
  gap_count: number;
  /**
   * Gaps still open in the inbox (not picked by the visitor, not closed by the owner) filed from this
   * conversation or for a question it asked since, whichever conversation filed the gap first.
   */
  open_gap_count: number;
}

/** One message of a transcript, with what the engine recorded about it. */
export interface TranscriptMessage {
  message_id: string;
  role: 'user' | 'assistant';
  content: string;
  timestamp: string;
  gap_detected?: boolean;
  matched_qa_ids?: string[];
  confidence?: number;
  escalation_offered?: boolean;
  /** An answer, a "Did you mean…?" (clarify) or the honest gap reply. */
  reply_kind?: 'answer' | 'clarify' | 'gap';
  /** The questions offered as chips under the reply. */
  suggestion_chips?: string[];
  /** The visitor's thumbs rating of an assistant message, when they gave one. */
  feedback?: 'up' | 'down';
  feedback_at?: string;
}

/** `GET /api/admin/conversations/:id` → `conversation`. */
export interface Conversation
  extends Omit<ConversationSummary, 'message_count' | 'first_question' | 'gap_count' | 'open_gap_count'> {
  messages: TranscriptMessage[];
}
