import type { GapList } from '@clara/contract';
import { useEffect } from 'react';
import { api } from '../lib/api';
import { useLoad } from '../lib/use-load';

/**
 * How many gaps stand open, for the sidebar's badge: `counts.open` of GET /api/admin/gaps with
 * one resolved gap at most (the counts come with any page). Its key starts with `gaps:`, so the
 * gap inbox refreshes it whenever a gap is acted on; it is also refetched on each page change.
 * Null until loaded or when it cannot be loaded (the badge is left out).
 */
export function useOpenGapsCount(path: string): number | null {
  const { data, reload } = useLoad(
    () => api<GapList>('GET', '/admin/gaps?status=resolved&limit=1'),
    'gaps:nav-count',
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: refetched when the page changes
  useEffect(() => reload(), [path]);
  return data?.counts.open ?? null;
}
