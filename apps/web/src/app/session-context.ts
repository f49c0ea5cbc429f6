/** The signed-in person as the whole app sees it, and the hook to read it. */
import { createContext, useContext } from 'react';
import type { Me } from '@carnet/shared';

/** Where the session stands; `expired` when the server ended it (idle or absolute timeout). */
export type SessionState =
  | { status: 'loading' }
  | { status: 'unavailable' }
  | { status: 'signed-in'; me: Me }
  | { status: 'signed-out'; expired: boolean };

/** The session and what changes it. */
export interface Session {
  state: SessionState;
  /** After the code step, or when the server answers a fresh `Me` (contact change). */
  signedIn: (me: Me) => void;
  /** Logs out server-side, then forgets the person. */
  signOut: () => Promise<void>;
  /** Asks GET /api/me again (after "Réessayer"). */
  reload: () => void;
}

/** Provided by SessionProvider at the root of the router. */
export const SessionContext = createContext<Session | undefined>(undefined);

/** The current session; throws outside SessionProvider. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in person; only under the authenticated shell. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe outside the authenticated shell');
  return state.me;
}
