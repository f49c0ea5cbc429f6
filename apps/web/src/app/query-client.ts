/**
 * The one TanStack Query client of the web app: server state (lists, details, polling) lives
 * here, not in hand-written hooks. A 401 is not retried: `http.ts` already ends the session.
 */
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './http.ts';

/** Builds the client (one per tab; tests build their own). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Health data: never served from a stale cache after a mutation elsewhere in the tab.
        staleTime: 0,
        refetchOnWindowFocus: false,
        retry: (failures, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
}
