/** Loads GET /api/me once and keeps the session state; a 401 anywhere ends it. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { Me } from '@carnet/shared';
import { getMe, logout } from '../features/auth/api.ts';
import { ApiError, unauthorizedEvent } from './http.ts';
import { SessionContext } from './session-context.ts';
import type { Session, SessionState } from './session-context.ts';

/** Root provider of the session. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    void getMe().then(
      (me) => {
        if (live) setState({ status: 'signed-in', me });
      },
      (error: unknown) => {
        if (!live) return;
        const signedOut = error instanceof ApiError && error.status === 401;
        setState(signedOut ? { status: 'signed-out', expired: false } : { status: 'unavailable' });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  useEffect(() => {
    const onUnauthorized = () =>
      setState((current) =>
        current.status === 'signed-in' ? { status: 'signed-out', expired: true } : current,
      );
    window.addEventListener(unauthorizedEvent, onUnauthorized);
    return () => window.removeEventListener(unauthorizedEvent, onUnauthorized);
  }, []);

  const signedIn = useCallback((me: Me) => setState({ status: 'signed-in', me }), []);
  const signOut = useCallback(async () => {
    // An already-ended session answers 401: either way the person is signed out here.
    await logout().catch(() => undefined);
    setState({ status: 'signed-out', expired: false });
  }, []);
  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const session = useMemo<Session>(
    () => ({ state, signedIn, signOut, reload }),
    [state, signedIn, signOut, reload],
  );
  return <SessionContext value={session}>{children}</SessionContext>;
}
