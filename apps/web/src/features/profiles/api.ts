/** HTTP calls of the profile switcher (the only HTTP of this feature). */
import { profileListSchema } from '@carnet/shared';
import type { ProfileList } from '@carnet/shared';
import { getJson, sendJson } from '../../app/http.ts';

/** The profiles the signed-in person may act on and the selected one. */
export function getProfiles(): Promise<ProfileList> {
  return getJson('/api/profiles', profileListSchema);
}

/** Selects the profile every page then acts on. */
export function selectProfile(patientId: string): Promise<ProfileList> {
  return sendJson('PUT', '/api/profiles/current', { patientId }, profileListSchema);
}
