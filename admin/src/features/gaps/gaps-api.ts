import type {
  AdminPair,
  ChoicesToReview,
  ChoiceToReview,
  DismissGapGroupRequest,
  Gap,
  GapGroup,
  GapGroupList,
  GapList,
  GapStatus,
  GroupGap,
  LinkGapGroupRequest,
  LinkGapRequest,
  ReopenGapGroupRequest,
  ResolveGapGroupRequest,
  ResolveGapRequest,
} from '@clara/contract';
import { api } from '../../lib/api';

export type { ChoiceToReview, Gap, GapGroup, GapStatus, GroupGap };

/**
 * Active pairs for the link dialog: with `q`, those holding every word of it in their question or
 * answer (case and accents ignored), best matches first; without, the newest.
 */
export function searchPairsToLink(q: string) {
  const qs = new URLSearchParams({ active: 'true', page: '1', page_size: '25', match: 'words' });
  if (q) qs.set('q', q);
  return api<{ items: AdminPair[]; total: number }>('GET', `/admin/knowledge?${qs}`);
}

export const listGaps = (status: GapStatus) => api<GapList>('GET', `/admin/gaps?status=${status}`);

/**
 * What answering a gap wrote: `updated_existing` when an active pair already had the question
 * (its answer was updated instead of adding a duplicate), `pair` the pair that answers it now.
 */
export interface AnswerWritten {
  pair: { id: string; question: string };
  updated_existing: boolean;
}

export const resolveGap = (id: string, body: ResolveGapRequest) =>
  api<AnswerWritten>('POST', `/admin/gaps/${id}/resolve`, body);

/** The notice after an answer was saved from the inbox: added, or the existing pair updated. */
export const answerSavedNotice = (written: AnswerWritten & { resolved?: number }, added: string) =>
  written.updated_existing
    ? `Answer updated: “${written.pair.question}” was already in the knowledge base, so its answer was replaced (no second pair)${
        (written.resolved ?? 1) > 1 ? ` and ${written.resolved} questions are resolved` : ''
      }. Clara gives the new answer from now on.`
    : added;

export const linkGap = (id: string, qaId: string) =>
  api('POST', `/admin/gaps/${id}/link`, { qa_id: qaId } satisfies LinkGapRequest);

export const dismissGap = (id: string) => api('POST', `/admin/gaps/${id}/dismiss`);

/** Puts a dismissed gap back in the open inbox (409 if a visitor asked it again meanwhile). */
export const reopenGap = (id: string) => api<{ gap: Gap }>('POST', `/admin/gaps/${id}/reopen`);

export const listGapGroups = () => api<GapGroupList>('GET', '/admin/gaps/groups');

export const resolveGapGroup = (body: ResolveGapGroupRequest) =>
  api<AnswerWritten & { resolved: number; phrasings: number }>('POST', '/admin/gaps/groups/resolve', body);

export const linkGapGroup = (gapIds: string[], qaId: string) =>
  api<{ resolved: number }>('POST', '/admin/gaps/groups/link', {
    gap_ids: gapIds,
    qa_id: qaId,
  } satisfies LinkGapGroupRequest);

export const dismissGapGroup = (gapIds: string[]) =>
  api<{ dismissed: number }>('POST', '/admin/gaps/groups/dismiss', {
    gap_ids: gapIds,
  } satisfies DismissGapGroupRequest);

/** Undoes a group's dismissal: its gaps back in the open inbox, all or none. */
export const reopenGapGroup = (gapIds: string[]) =>
  api<{ reopened: number }>('POST', '/admin/gaps/groups/reopen', {
    gap_ids: gapIds,
  } satisfies ReopenGapGroupRequest);

/** Called after an action changed the inbox: its notice, and how to undo it when it can be. */
export type OnChanged = (message: string, undo?: () => Promise<unknown>) => void;

export const listChoicesToReview = () => api<ChoicesToReview>('GET', '/admin/gaps/choices/pending');

export const acceptChoice = (gapId: string) => api('POST', `/admin/gaps/choices/${gapId}/accept`);

export const dismissChoice = (gapId: string) => api('POST', `/admin/gaps/choices/${gapId}/dismiss`);
