import type { ChoiceToReview, Gap, GapGroup, GapStatus, GroupGap } from '@clara/contract';
import { api } from '../../lib/api';

export type { ChoiceToReview, Gap, GapGroup, GapStatus, GroupGap };

export const listGaps = (status: GapStatus) =>
  api<{ items: Gap[]; counts: Record<GapStatus, number> }>('GET', `/admin/gaps?status=${status}`);

export const resolveGap = (id: string, body: { question: string; answer: string; category: string }) =>
  api('POST', `/admin/gaps/${id}/resolve`, body);

export const linkGap = (id: string, qaId: string) => api('POST', `/admin/gaps/${id}/link`, { qa_id: qaId });

export const dismissGap = (id: string) => api('POST', `/admin/gaps/${id}/dismiss`);

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

export const listChoicesToReview = () =>
  api<{ choices: ChoiceToReview[] }>('GET', '/admin/gaps/choices/pending');

export const acceptChoice = (gapId: string) => api('POST', `/admin/gaps/choices/${gapId}/accept`);

export const dismissChoice = (gapId: string) => api('POST', `/admin/gaps/choices/${gapId}/dismiss`);
