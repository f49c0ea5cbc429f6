/** The selected profile as every signed-in page sees it (issue 13). */
import { createContext, useContext } from 'react';
import type { Profile } from '@carnet/shared';

/** The selected profile and the others the person may switch to. */
export interface ProfileState {
  current: Profile;
  profiles: Profile[];
  /** Selects another profile, then reloads the app on it. */
  select: (patientId: string) => Promise<void>;
}

/** Provided by ProfileProvider under the signed-in shell. */
export const ProfileContext = createContext<ProfileState | undefined>(undefined);

/** The selected profile; throws outside ProfileProvider. */
export function useProfile(): ProfileState {
  const value = useContext(ProfileContext);
  if (value === undefined) throw new Error('useProfile outside ProfileProvider');
  return value;
}

/** Whether the acting person may see this Paramètres section (ACCESS.md: an aidant may not). */
export function sectionAllowed(role: Profile['role'], path: string): boolean {
  if (role !== 'aidant') return true;
  return path === 'informations-personnelles';
}
