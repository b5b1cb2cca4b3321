import { api } from '../../lib/api';
import type { AskedBy } from './asked-by';

/** A gap as the inbox lists it. */
export interface Gap {
  id: string;
  question: string;
  ai_answer: string | null;
  similarity_score: number | null;
  status: 'open' | 'resolved' | 'dismissed';
  session_id: string | null;
  created_at: string;
  best_match: { id: string; question: string } | null;
  resolved_qa: { id: string; question: string } | null;
  /** A widget visitor's name and email, when they left them (Clara never writes to them). */
  asked_by: AskedBy | null;
  channel: string | null;
}

export type GapStatus = Gap['status'];

export const listGaps = (status: GapStatus) =>
  api<{ items: Gap[]; counts: Record<GapStatus, number> }>('GET', `/admin/gaps?status=${status}`);

export const resolveGap = (id: string, body: { question: string; answer: string; category: string }) =>
  api('POST', `/admin/gaps/${id}/resolve`, body);

export const linkGap = (id: string, qaId: string) => api('POST', `/admin/gaps/${id}/link`, { qa_id: qaId });

export const dismissGap = (id: string) => api('POST', `/admin/gaps/${id}/dismiss`);

/** An open gap inside a group: where it was asked and how often. */
export interface GroupGap {
  id: string;
  question: string;
  ai_answer: string | null;
  similarity_score: number | null;
  created_at: string;
  best_match: { id: string; question: string } | null;
  channel: string | null;
  /** Filed by a thumbs-down: `ai_answer` is the answer the visitor disliked. */
  disliked: boolean;
  asks: number;
  last_asked_at: string;
  asked_by: AskedBy | null;
}

/** Open gaps about the same thing (grouped by meaning on the server). */
export interface GapGroup {
  id: string;
  question: string;
  asks: number;
  first_asked_at: string;
  last_asked_at: string;
  channels: string[];
  disliked: number;
  closest_pairs: { id: string; question: string }[];
  gaps: GroupGap[];
}

export const listGapGroups = () =>
  api<{ groups: GapGroup[]; counts: Record<GapStatus, number> }>('GET', '/admin/gaps/groups');

export const resolveGapGroup = (body: {
  gap_ids: string[];
  question: string;
  answer: string;
  category: string;
  phrasings: boolean;
}) => api<{ resolved: number; phrasings: number }>('POST', '/admin/gaps/groups/resolve', body);

export const linkGapGroup = (gapIds: string[], qaId: string) =>
  api<{ resolved: number }>('POST', '/admin/gaps/groups/link', { gap_ids: gapIds, qa_id: qaId });

export const dismissGapGroup = (gapIds: string[]) =>
  api<{ dismissed: number }>('POST', '/admin/gaps/groups/dismiss', { gap_ids: gapIds });

/** A visitor's pick among "Did you mean…?" questions, waiting for the owner's review. */
export interface ChoiceToReview {
  gap_id: string;
  question: string;
  chosen_qa_id: string;
  chosen_question: string;
  chosen_answer: string;
  chosen_at: string;
}

export const listChoicesToReview = () =>
  api<{ choices: ChoiceToReview[] }>('GET', '/admin/gaps/choices/pending');

export const acceptChoice = (gapId: string) => api('POST', `/admin/gaps/choices/${gapId}/accept`);

export const dismissChoice = (gapId: string) => api('POST', `/admin/gaps/choices/${gapId}/dismiss`);
