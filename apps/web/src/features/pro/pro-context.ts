/** The signed-in professional, for every page of the professional space. */
import { createContext, useContext } from 'react';
import type { ProProfile } from '@carnet/shared';

/** Provided by ProGuard once `GET /api/pro/me` answered. */
export const ProProfileContext = createContext<ProProfile | undefined>(undefined);

/** The signed-in professional; throws outside ProGuard. */
export function useProProfile(): ProProfile {
  const profile = useContext(ProProfileContext);
  if (profile === undefined) throw new Error('useProProfile outside ProGuard');
  return profile;
}
