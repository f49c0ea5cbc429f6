/** Hooks of the account settings. */
import { useCallback, useEffect, useState } from 'react';
import type { SessionInfo } from '@carnet/shared';
import { toFormErrors } from '../../ui/form-errors.ts';
import { endSession, listSessions } from './api.ts';

/** The list of sessions as it loads. */
export type SessionsState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; sessions: SessionInfo[] };

/** Lists the account's sessions; `end` disconnects one and reloads the list. */
export function useSessions() {
  const [state, setState] = useState<SessionsState>({ status: 'loading' });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    void listSessions().then(
      (sessions) => {
        if (live) setState({ status: 'ready', sessions });
      },
      (error: unknown) => {
        if (live) setState({ status: 'error', message: toFormErrors(error).message ?? '' });
      },
    );
    return () => {
      live = false;
    };
  }, [version]);

  const end = useCallback(async (id: string) => {
    await endSession(id);
    setVersion((n) => n + 1);
  }, []);

  return { state, end };
}
