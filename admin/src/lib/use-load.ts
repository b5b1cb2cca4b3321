import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { errorMessage } from './api';

/**
 * Loads data for `key` through the shared query cache (TanStack Query): cached per key, refetched
 * when stale, on window focus and on `reload()`. Keys are global: name the feature in them
 * (`conversations:…`); two call sites with one key share their data.
 */
export function useLoad<T>(
  load: () => Promise<T>,
  key: string,
  options: {
    /** Polls while it returns a number of ms (e.g. while a background job runs), stops on false. */
    refetchInterval?: (data: T | undefined) => number | false;
  } = {},
) {
  const client = useQueryClient();
  const { refetchInterval } = options;
  const query = useQuery({
    queryKey: [key],
    queryFn: load,
    refetchInterval: refetchInterval ? (q) => refetchInterval(q.state.data) : undefined,
  });
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  const setData = useCallback((value: T) => client.setQueryData([key], value), [client, key]);
  return {
    data: query.data ?? null,
    error: query.error ? errorMessage(query.error) : null,
    loading: query.isFetching,
    reload,
    setData,
  };
}
