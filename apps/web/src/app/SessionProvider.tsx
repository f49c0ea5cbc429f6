/** The session as one query of GET /api/me; a 401 anywhere ends it (see query-client.ts). */
import { useCallback, useMemo } from 'react';
import type { ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '@carnet/shared';
import { getMe, logout } from '../features/auth/api.ts';
import { ApiError } from './http.ts';
import { forgetServerState, sessionKey } from './query-client.ts';
import type { SessionData } from './query-client.ts';
import { SessionContext } from './session-context.ts';
import type { Session, SessionState } from './session-context.ts';

async function loadSession(): Promise<SessionData> {
  try {
    return { status: 'signed-in', me: await getMe() };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return { status: 'signed-out', expired: false };
    }
    throw error;
  }
}

/** Root provider of the session. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: sessionKey,
    queryFn: loadSession,
    staleTime: Infinity,
    retry: false,
  });
  const { data, isPending, isError, isFetching } = query;

  const signedIn = useCallback(
    (me: Me) => client.setQueryData<SessionData>(sessionKey, () => ({ status: 'signed-in', me })),
    [client],
  );
  const { mutateAsync: logoutAsync } = useMutation({ mutationFn: logout });
  const signOut = useCallback(async () => {
    // An already-ended session answers 401: either way the person is signed out here.
    await logoutAsync().catch(() => undefined);
    forgetServerState(client);
    client.setQueryData<SessionData>(sessionKey, () => ({ status: 'signed-out', expired: false }));
  }, [client, logoutAsync]);
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);

  const session = useMemo<Session>(() => {
    const state: SessionState =
      isPending || (isError && isFetching)
        ? { status: 'loading' }
        : isError
          ? { status: 'unavailable' }
          : data;
    return { state, signedIn, signOut, reload };
  }, [data, isPending, isError, isFetching, signedIn, signOut, reload]);
  return <SessionContext value={session}>{children}</SessionContext>;
}
