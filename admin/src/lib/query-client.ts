import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';

/**
 * The admin's data cache (TanStack Query): a page shows what it loaded last time at once and
 * refreshes it in the background, on coming back to the tab too; one request per key at a time.
 * A 4xx is an answer, not a hiccup: only network and 5xx failures are retried (once).
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      retry: (failures, error) => failures < 1 && !(error instanceof ApiError && error.status < 500),
    },
  },
});
