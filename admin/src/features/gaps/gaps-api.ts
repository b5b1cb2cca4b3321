import { api } from '../../lib/api';

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
}

export type GapStatus = Gap['status'];

export const listGaps = (status: GapStatus) =>
  api<{ items: Gap[]; counts: Record<GapStatus, number> }>('GET', `/admin/gaps?status=${status}`);

export const resolveGap = (id: string, body: { question: string; answer: string; category: string }) =>
  api('POST', `/admin/gaps/${id}/resolve`, body);

export const linkGap = (id: string, qaId: string) => api('POST', `/admin/gaps/${id}/link`, { qa_id: qaId });

export const dismissGap = (id: string) => api('POST', `/admin/gaps/${id}/dismiss`);
