/**
 * Loads the profiles once under the signed-in shell, tells http.ts which profile this tab shows,
 * and reloads the app when the profile changes (here or in another tab).
 */
import { useCallback, useEffect } from 'react';
import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { profileChangedEvent, setShownProfile, unavailableMessage } from '../../app/http.ts';
import { getProfiles, selectProfile } from './api.ts';
import { ProfileContext } from './profile-context.ts';
import type { ProfileState } from './profile-context.ts';

/** Renders its children once the selected profile is known. */
export function ProfileProvider({ children }: { children: ReactNode }) {
  const query = useQuery({ queryKey: ['profiles'], queryFn: getProfiles });

  useEffect(() => {
    const reload = () => window.location.reload();
    window.addEventListener(profileChangedEvent, reload);
    return () => window.removeEventListener(profileChangedEvent, reload);
  }, []);

  const select = useCallback(async (patientId: string) => {
    const list = await selectProfile(patientId);
    setShownProfile(list.current);
    // Every page, cache and form then starts again on the selected profile.
    window.location.assign('/');
  }, []);

  const data = query.data;
  const current = data?.profiles.find((p) => p.patientId === data.current);
  const value: ProfileState | undefined =
    data && current ? { current, profiles: data.profiles, select } : undefined;

  if (value) setShownProfile(value.current.patientId);
  if (query.isError) return <Alert severity="error" small description={unavailableMessage} />;
  if (!value) return <p role="status">Chargement en cours…</p>;
  return <ProfileContext.Provider value={value}>{children}</ProfileContext.Provider>;
}
