/**
 * HTTP calls of the professional space (the only HTTP of this feature). Steps 2/3 and 3/3 of
 * the sign-in are the patients' ones (features/auth/api.ts), see `proLoginRequestSchema`.
 */
import {
  directoryResultSchema,
  historyPageSchema,
  loginResponseSchema,
  patientSearchResultSchema,
  proAccessSchema,
  proDocumentListSchema,
  proDocumentSummarySchema,
  proPatientRecordSchema,
  proProfileSchema,
  proProfileRubriqueSchema,
  profileEntrySchema,
} from '@carnet/shared';
import type {
  ProProfileRubrique,
  ProfileEntry,
  ProfileEntryDataInput,
  ProfileRubrique,
  Confidentiality,
  DocumentCategory,
  HistoryPage,
  LoginResponse,
  PatientSearchRequest,
  PatientSearchResult,
  ProAccess,
  ProLoginRequest,
  ProPatientRecord,
  ProDocumentList,
  ProDocumentSummary,
  ProProfile,
  ProfessionalSummary,
  emergencyAccessRequestSchema,
  proDocumentListQuerySchema,
  proDocumentUpdateSchema,
} from '@carnet/shared';
import type { z } from 'zod';
import { getJson, send, sendForm, sendJson } from '../../app/http.ts';
import type { UploadProgress } from '../../app/http.ts';

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

/** The list query as sent: category, search and page (pages of 50). */
export type ProDocumentQuery = Partial<z.output<typeof proDocumentListQuerySchema>>;

/** What the author may change on its document. */
export type ProDocumentUpdate = z.output<typeof proDocumentUpdateSchema>;

/** Metadata of a professional's upload (multipart fields, sent before the file). */
export interface ProUploadFields {
  title: string;
  date: string;
  category: DocumentCategory;
  /** Omitted: the patient's "masquer par défaut" setting decides (PRODUCT.md "Masquer"). */
  confidentiality?: Confidentiality | undefined;
  invisibleToPatient: boolean;
  /** A minor's secret: invisible to the legal representatives (INVISIBLE_REPRESENTANTS_LEGAUX). */
  invisibleToLegalRepresentatives?: boolean;
}

const documentsPath = (patientId: string) => `${patientPath(patientId)}/documents`;
const documentPath = (patientId: string, docId: string) =>
  `${documentsPath(patientId)}/${encodeURIComponent(docId)}`;

/** One page (50) of the documents this professional may see; 404 when the record is not readable. */
export function listPatientDocuments(
  patientId: string,
  query: ProDocumentQuery,
): Promise<ProDocumentList> {
  const params = new URLSearchParams();
  if (query.category) params.set('category', query.category);
  if (query.q) params.set('q', query.q);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  const search = params.toString();
  const path = documentsPath(patientId);
  return getJson(search === '' ? path : `${path}?${search}`, proDocumentListSchema);
}

/** Adds a document to the record (author = this professional); fields first, then the file. */
export function uploadPatientDocument(
  patientId: string,
  file: File,
  fields: ProUploadFields,
  onProgress?: UploadProgress,
): Promise<ProDocumentSummary> {
  const form = new FormData();
  form.append('title', fields.title);
  form.append('date', fields.date);
  form.append('category', fields.category);
  if (fields.confidentiality) form.append('confidentiality', fields.confidentiality);
  form.append('invisibleToPatient', String(fields.invisibleToPatient));
  if (fields.invisibleToLegalRepresentatives)
    form.append('invisibleToLegalRepresentatives', 'true');
  form.append('file', file, file.name);
  return sendForm(documentsPath(patientId), form, proDocumentSummarySchema, onProgress);
}

/** Masks / unmasks to other professionals, or makes invisible / visible to the patient (author only). */
export function updatePatientDocument(
  patientId: string,
  docId: string,
  update: ProDocumentUpdate,
): Promise<ProDocumentSummary> {
  return sendJson('PATCH', documentPath(patientId, docId), update, proDocumentSummarySchema);
}

/** Deletes one of this professional's documents (logical deletion, traced). */
export function deletePatientDocument(patientId: string, docId: string): Promise<void> {
  return send('DELETE', documentPath(patientId, docId));
}

/**
 * URLs of a document's files (plain GETs with the session cookie: img src, download link). The
 * thumbnail route is not used: each thumbnail is traced as a read of the document.
 */
export const patientDocumentUrls = (patientId: string, docId: string) => ({
  /** The document's resource: the preview viewer reads its preview from there. */
  resource: documentPath(patientId, docId),
  download: `${documentPath(patientId, docId)}/download`,
});

/** Which traces: every professional's access to the record (médecin traitant), or one's own. */
export type TraceScope = 'record' | 'own';

/** A page of 100 trace lines of the record, newest first; 404 when the scope is not allowed. */
export function listPatientTraces(
  patientId: string,
  query: { scope: TraceScope; from?: string; to?: string; cursor?: string },
): Promise<HistoryPage> {
  const params = new URLSearchParams({ scope: query.scope });
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (query.cursor) params.set('cursor', query.cursor);
  return getJson(`${patientPath(patientId)}/traces?${params.toString()}`, historyPageSchema);
}

/** A profile rubrique of the record (issue 11): Vaccinations, Mesures, Entourage et volontés. */
export function getPatientProfileRubrique(
  patientId: string,
  rubrique: ProfileRubrique,
): Promise<ProProfileRubrique> {
  return getJson(`${patientPath(patientId)}/profile/${rubrique}`, proProfileRubriqueSchema);
}

/** Adds a vaccination or a measure to the record (issue 11). */
export function addPatientProfileEntry(
  patientId: string,
  entry: ProfileEntryDataInput,
): Promise<ProfileEntry> {
  return sendJson('POST', `${patientPath(patientId)}/profile`, { entry }, profileEntrySchema);
}
