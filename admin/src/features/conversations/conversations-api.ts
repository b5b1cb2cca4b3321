import type { Conversation, ConversationSummary, TranscriptMessage } from '@clara/contract';
import { api } from '../../lib/api';

export type { Conversation, ConversationSummary, TranscriptMessage };

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
