/** HTTP calls of the medical profile (the only HTTP of this feature). */
import {
  documentListSchema,
  measureTargetSchema,
  medicalProfileSchema,
  profileEntrySchema,
  syntheseSavedSchema,
} from '@carnet/shared';
import type {
  MeasureCode,
  MeasureTarget,
  MedicalProfile,
  ProfileEntry,
  ProfileEntryDataInput,
  ProfileRubrique,
} from '@carnet/shared';
import { z } from 'zod';
import { getJson, send, sendJson } from '../../app/http.ts';

/** The whole profile of the signed-in titulaire. */
export const getProfile = (): Promise<MedicalProfile> =>
  getJson('/api/profile', medicalProfileSchema);

/** Adds an entry; `masked` absent takes "masquer par défaut". */
export const addEntry = (entry: ProfileEntryDataInput, masked?: boolean): Promise<ProfileEntry> =>
  sendJson(
    'POST',
    '/api/profile/entries',
    { entry, ...(masked === undefined ? {} : { masked }) },
    profileEntrySchema,
  );

/** Replaces an entry's content. */
export const updateEntry = (id: string, entry: ProfileEntryDataInput): Promise<ProfileEntry> =>
  sendJson('PUT', `/api/profile/entries/${encodeURIComponent(id)}`, { entry }, profileEntrySchema);

/** Masks or unmasks an entry to professionals. */
export const maskEntry = (id: string, masked: boolean): Promise<ProfileEntry> =>
  sendJson(
    'PATCH',
    `/api/profile/entries/${encodeURIComponent(id)}`,
    { masked },
    profileEntrySchema,
  );

/** Deletes an entry. */
export const deleteEntry = (id: string): Promise<void> =>
  send('DELETE', `/api/profile/entries/${encodeURIComponent(id)}`);

/** "Je ne suis pas concerné(e)" and masking of a rubrique. */
export const setRubrique = (
  rubrique: ProfileRubrique,
  settings: { notConcerned?: boolean; masked?: boolean },
) =>
  sendJson(
    'PUT',
    `/api/profile/rubriques/${rubrique}`,
    settings,
    z.object({ notConcerned: z.boolean(), masked: z.boolean() }),
  );

/** A measure's target range. */
export const setTarget = (measure: MeasureCode, target: MeasureTarget): Promise<MeasureTarget> =>
  sendJson('PUT', `/api/profile/targets/${measure}`, target, measureTargetSchema);

/** Saves the synthèse in "Mes documents"; the new document's id. */
export const saveSynthese = (rubriques: ProfileRubrique[]) =>
  sendJson('POST', '/api/profile/synthese/document', { rubriques }, syntheseSavedSchema);

/** Where the synthèse PDF and the IPS export download from. */
export const syntheseUrls = (rubriques: ProfileRubrique[]) => {
  const query = `rubriques=${rubriques.join(',')}`;
  return { pdf: `/api/profile/synthese.pdf?${query}`, ips: `/api/profile/ips.json?${query}` };
};

/** The titulaire's documents of category "Directives anticipées", to link one. */
export const getDirectiveDocuments = () =>
  getJson('/api/documents?category=DIR_ANT', documentListSchema);
