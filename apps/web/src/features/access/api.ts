/** HTTP calls of "Accès des professionnels de santé" and "Accès en cas d'urgence" (the only HTTP of this feature). */
import {
  accessListSchema,
  directoryResultSchema,
  emergencySettingsSchema,
  professionalDetailSchema,
} from '@carnet/shared';
import type {
  AccessList,
  EmergencySettings,
  ProfessionalDetail,
  ProfessionalSummary,
} from '@carnet/shared';
import { getJson, sendJson } from '../../app/http.ts';

const professionalPath = (psId: string) => `/api/access/professionals/${encodeURIComponent(psId)}`;

/** The lists "Autorisé(s)" and "Bloqué(s)". */
export function getAccessList(): Promise<AccessList> {
  return getJson('/api/access/professionals', accessListSchema);
}

/** One professional's page: coordinates, documents they added, their traces on this record. */
export function getProfessionalDetail(psId: string): Promise<ProfessionalDetail> {
  return getJson(professionalPath(psId), professionalDetailSchema);
}

/** One change of a professional's access, as the "⋮" menu and "Débloquer" offer them. */
export type AccessChange = 'grant-administrator' | 'revoke-administrator' | 'block' | 'unblock';

const changeRequests = {
  'grant-administrator': { method: 'POST', path: '/administrator' },
  'revoke-administrator': { method: 'DELETE', path: '/administrator' },
  block: { method: 'POST', path: '/block' },
  unblock: { method: 'POST', path: '/unblock' },
} as const;

/** Applies one change; the server answers the lists as they are now. */
export function changeAccess(psId: string, change: AccessChange): Promise<AccessList> {
  const { method, path } = changeRequests[change];
  return sendJson(method, `${professionalPath(psId)}${path}`, undefined, accessListSchema);
}

/** Search of the professionals' directory (to block one who never accessed the record). */
export async function searchDirectory(q: string): Promise<ProfessionalSummary[]> {
  const { professionals } = await getJson(
    `/api/access/directory?${new URLSearchParams({ q }).toString()}`,
    directoryResultSchema,
  );
  return professionals;
}

/** The three emergency toggles. */
export function getEmergencySettings(): Promise<EmergencySettings> {
  return getJson('/api/access/emergency', emergencySettingsSchema);
}

/** Saves the three emergency toggles at once; answers what the server kept. */
export function saveEmergencySettings(settings: EmergencySettings): Promise<EmergencySettings> {
  return sendJson('PUT', '/api/access/emergency', settings, emergencySettingsSchema);
}
