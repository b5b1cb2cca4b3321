import { api } from '../../lib/api';

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
  gap_count: number;
}

export interface TranscriptMessage {
  message_id: string;
  role: 'user' | 'assistant';
  content: string;
  timestamp: string;
  gap_detected?: boolean;
  matched_qa_ids?: string[];
  confidence?: number;
  escalation_offered?: boolean;
}

export interface Conversation
  extends Omit<ConversationSummary, 'message_count' | 'first_question' | 'gap_count'> {
  messages: TranscriptMessage[];
}

export const listConversations = (filters: { escalated: string; had_gap: string; page: number }) => {
  const qs = new URLSearchParams({ page: String(filters.page), page_size: '25' });
  if (filters.escalated) qs.set('escalated', filters.escalated);
  if (filters.had_gap) qs.set('had_gap', filters.had_gap);
  return api<{ items: ConversationSummary[]; total: number }>('GET', `/admin/conversations?${qs}`);
};

export const getConversation = (id: string) =>
  api<{ conversation: Conversation; matched_pairs: Record<string, string> }>(
    'GET',
    `/admin/conversations/${id}`,
  );

/** Deletes one conversation and the gaps filed from it. */
export const deleteConversation = (id: string) =>
  api<{ deleted: { conversations: number; gaps: number } }>('DELETE', `/admin/conversations/${id}`);
