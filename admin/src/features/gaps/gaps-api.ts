import type {
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
  ResolveGapGroupRequest,
  ResolveGapRequest,
} from '@clara/contract';
import { api } from '../../lib/api';

export type { ChoiceToReview, Gap, GapGroup, GapStatus, GroupGap };

export const listGaps = (status: GapStatus) => api<GapList>('GET', `/admin/gaps?status=${status}`);

export const resolveGap = (id: string, body: ResolveGapRequest) =>
  api('POST', `/admin/gaps/${id}/resolve`, body);

export const linkGap = (id: string, qaId: string) =>
  api('POST', `/admin/gaps/${id}/link`, { qa_id: qaId } satisfies LinkGapRequest);

export const dismissGap = (id: string) => api('POST', `/admin/gaps/${id}/dismiss`);

export const listGapGroups = () => api<GapGroupList>('GET', '/admin/gaps/groups');

export const resolveGapGroup = (body: ResolveGapGroupRequest) =>
  api<{ resolved: number; phrasings: number }>('POST', '/admin/gaps/groups/resolve', body);

export const linkGapGroup = (gapIds: string[], qaId: string) =>
  api<{ resolved: number }>('POST', '/admin/gaps/groups/link', {
    gap_ids: gapIds,
    qa_id: qaId,
  } satisfies LinkGapGroupRequest);

export const dismissGapGroup = (gapIds: string[]) =>
  api<{ dismissed: number }>('POST', '/admin/gaps/groups/dismiss', {
    gap_ids: gapIds,
  } satisfies DismissGapGroupRequest);

export const listChoicesToReview = () => api<ChoicesToReview>('GET', '/admin/gaps/choices/pending');

export const acceptChoice = (gapId: string) => api('POST', `/admin/gaps/choices/${gapId}/accept`);

export const dismissChoice = (gapId: string) => api('POST', `/admin/gaps/choices/${gapId}/dismiss`);
