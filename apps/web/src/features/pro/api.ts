/**
 * HTTP calls of the professional space (the only HTTP of this feature). Steps 2/3 and 3/3 of
 * the sign-in are the patients' ones (features/auth/api.ts), see `proLoginRequestSchema`.
 */
import {
  directoryResultSchema,
  loginResponseSchema,
  patientSearchResultSchema,
  proAccessSchema,
  proPatientRecordSchema,
  proProfileSchema,
} from '@carnet/shared';
import type {
  LoginResponse,
  PatientSearchRequest,
  PatientSearchResult,
  ProAccess,
  ProLoginRequest,
  ProPatientRecord,
  ProProfile,
  ProfessionalSummary,
  emergencyAccessRequestSchema,
} from '@carnet/shared';
import type { z } from 'zod';
import { getJson, send, sendJson } from '../../app/http.ts';

/** Body of an emergency access: mode and written reason. */
export type EmergencyAccessRequest = z.output<typeof emergencyAccessRequestSchema>;

const patientPath = (patientId: string) => `/api/pro/patients/${encodeURIComponent(patientId)}`;

/** Step 1/3: RPPS + password; answers the channels offered for the one-time code. */
export function proLogin(body: ProLoginRequest): Promise<LoginResponse> {
  return sendJson('POST', '/api/pro/auth/login', body, loginResponseSchema);
}

/** The signed-in professional (profession, régulateur SAMU or not). */
export function getProProfile(): Promise<ProProfile> {
  return getJson('/api/pro/me', proProfileSchema);
}

/** Finds a record by INS + birth date (sent in the body, never in a URL). */
export function searchPatient(body: PatientSearchRequest): Promise<PatientSearchResult> {
  return sendJson('POST', '/api/pro/patients/search', body, patientSearchResultSchema);
}

/** The record header: patient, this professional's access, the rubriques readable now. */
export function getPatientRecord(patientId: string): Promise<ProPatientRecord> {
  return getJson(patientPath(patientId), proPatientRecordSchema);
}

/** "Le patient m'autorise à accéder à son dossier", at a consultation. */
export function recordConsent(patientId: string): Promise<ProAccess> {
  return sendJson(
    'POST',
    `${patientPath(patientId)}/consent`,
    { patientConsents: true },
    proAccessSchema,
  );
}

/** Opens an emergency access (mode SAMU for a régulateur, else bris de glace) with its reason. */
export function openEmergencyAccess(
  patientId: string,
  body: EmergencyAccessRequest,
): Promise<ProAccess> {
  return sendJson('POST', `${patientPath(patientId)}/emergency`, body, proAccessSchema);
}

/** Directory search of the professional space (an administrator blocking another professional). */
export async function searchProfessionals(q: string): Promise<ProfessionalSummary[]> {
  const { professionals } = await getJson(
    `/api/pro/directory?${new URLSearchParams({ q }).toString()}`,
    directoryResultSchema,
  );
  return professionals;
}

/** An administrator blocks another professional on this record (ACCESS.md "block another PS"). */
export function blockOtherProfessional(patientId: string, psId: string): Promise<void> {
  return send('POST', `${patientPath(patientId)}/professionals/${encodeURIComponent(psId)}/block`);
}
