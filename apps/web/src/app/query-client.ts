/**
 * The one TanStack Query client of the web app: server state (lists, details, polling) lives
 * here, not in hand-written hooks. It is also the ONE place where a 401 `auth.required` ends a
 * signed-in session: every API call runs through a query or a mutation of this client.
 */
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import type { QueryKey } from '@tanstack/react-query';
import type { Me } from '@carnet/shared';
import { ApiError } from './http.ts';

/** Key of the session query (GET /api/me): the only query kept across a sign-out. */
export const sessionKey = ['session'] as const satisfies QueryKey;

/** The session as the server last told it; `expired` when the server ended it. */
export type SessionData =
  { status: 'signed-in'; me: Me } | { status: 'signed-out'; expired: boolean };

/** Forgets every piece of server state but the session itself (health data never outlives it). */
export function forgetServerState(client: QueryClient): void {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
}

function endSessionOnUnauthorized(client: QueryClient, error: unknown): void {
  if (!(error instanceof ApiError) || error.code !== 'auth.required') return;
  const current = client.getQueryData<SessionData>(sessionKey);
  // A 401 while signed out (a lost pending sign-in) is handled by the sign-in steps themselves.
  if (current?.status !== 'signed-in') return;
  forgetServerState(client);
  client.setQueryData<SessionData>(sessionKey, () => ({ status: 'signed-out', expired: true }));
}

/** Builds the client (one per tab; tests build their own). */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => endSessionOnUnauthorized(client, error) }),
    mutationCache: new MutationCache({
      onError: (error) => endSessionOnUnauthorized(client, error),
    }),
    defaultOptions: {
      queries: {
        // Health data: never served from a stale cache after a mutation elsewhere in the tab,
        // and not kept in memory once no page shows it (a page opened again reads it again).
        staleTime: 0,
        gcTime: 0,
        refetchOnWindowFocus: false,
        retry: (failures, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
