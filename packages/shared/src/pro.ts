/**
 * Wire schemas of the professional space ("Espace professionnel", ACCESS.md "Professional side")
 * and of the patient's page about one professional.
 */
import { z } from 'zod';
import { insSchema, isoDateSchema } from './auth.ts';
import { professionalSummarySchema } from './access.ts';
import { documentCategorySchema } from './documents.ts';

/** RPPS number: 11 digits. */
export const rppsSchema = z
  .string()
  .trim()
  .regex(/^\d{11}$/, 'Le numéro RPPS comporte 11 chiffres');

/**
 * Step 1/3 of a professional's sign-in (`POST /api/pro/auth/login`); the answer is
 * `loginResponseSchema`, steps 2/3 and 3/3 are the patients' ones (`/api/auth/login/code`,
 * `/api/auth/login/verify`), and `/api/me` answers `kind: 'professional'`.
 */
export const proLoginRequestSchema = z.strictObject({
  rpps: rppsSchema,
  password: z.string().min(1).max(1024),
});
export type ProLoginRequest = z.infer<typeof proLoginRequestSchema>;

/** The signed-in professional (`GET /api/pro/me`). */
export const proProfileSchema = z.strictObject({
  id: z.string(),
  rpps: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  profession: z.string(),
  professionLabel: z.string(),
  specialty: z.string().nullable(),
  /** Régulateur of a SAMU centre: may open emergency accesses in mode `samu`. */
  isRegulator: z.boolean(),
  email: z.string().nullable(),
});
export type ProProfile = z.infer<typeof proProfileSchema>;

/** Find a patient (`POST /api/pro/patients/search`): INS + birth date, never in a URL. */
export const patientSearchRequestSchema = z.strictObject({
  ins: insSchema,
  birthDate: isoDateSchema,
});
export type PatientSearchRequest = z.input<typeof patientSearchRequestSchema>;

/** Emergency access mode. */
export const emergencyModeSchema = z.enum(['samu', 'bris-de-glace']);
export type EmergencyMode = z.infer<typeof emergencyModeSchema>;

/** The professional's own access to one record (a blocked professional gets 404, never this). */
export const proAccessSchema = z.strictObject({
  /** Consent recorded at a consultation: none yet, authorized, or administrator. */
  grant: z.enum(['aucun', 'autorise', 'administrateur']),
  /** Since when the grant holds (ISO-8601), null without grant. */
  since: z.string().nullable(),
  /** What a read of the rubriques gets now: normal, urgence (banner), or null (no read). */
  readMode: z.enum(['normal', 'urgence']).nullable(),
  /** The open emergency access, if any: banner "Accès en mode urgence" until `until`. */
  emergency: z.strictObject({ mode: emergencyModeSchema, until: z.string() }).nullable(),
  isMedecinTraitant: z.boolean(),
});
export type ProAccess = z.infer<typeof proAccessSchema>;

/** A record found by INS + birth date: only the name and the professional's access state. */
export const patientSearchResultSchema = z.strictObject({
  patientId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: isoDateSchema,
  access: proAccessSchema,
});
export type PatientSearchResult = z.infer<typeof patientSearchResultSchema>;

/** Consent at a consultation (`POST /api/pro/patients/:patientId/consent`); answers ProAccess. */
export const consentRequestSchema = z.strictObject({
  patientConsents: z.literal(true, {
    error: 'Cochez « Le patient m’autorise à accéder à son dossier »',
  }),
});

/** The rubriques a professional may read (PRODUCT.md "Rubriques"). */
export const rubriqueSchema = z.enum([
  'documents',
  'vaccinations',
  'historique-de-soins',
  'entourage-et-volontes',
]);
export type Rubrique = z.infer<typeof rubriqueSchema>;

/** French labels of the rubriques. */
export const rubriqueLabels: Record<Rubrique, string> = {
  documents: 'Documents',
  vaccinations: 'Vaccinations',
  'historique-de-soins': 'Historique de soins',
  'entourage-et-volontes': 'Entourage et volontés',
};

/** The record header a professional sees (`GET /api/pro/patients/:patientId`). */
export const proPatientRecordSchema = z.strictObject({
  patient: z.strictObject({
    id: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    birthDate: isoDateSchema,
  }),
  access: proAccessSchema,
  rubriques: z.array(rubriqueSchema),
});
export type ProPatientRecord = z.infer<typeof proPatientRecordSchema>;

/** One trace line of a professional on a record (patient's per-professional page). */
export const professionalTraceSchema = z.strictObject({
  id: z.string(),
  at: z.string(),
  /** `<domain>.<verb>`: `access.consent`, `access.emergency_open`, `record.read`, `document.read`… */
  action: z.string(),
  mode: z.enum(['normal', 'urgence']),
  outcome: z.enum(['success', 'denied', 'failure']),
});
export type ProfessionalTrace = z.infer<typeof professionalTraceSchema>;

/** A document a professional added, as the patient's per-professional page lists it. */
export const professionalDocumentSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  date: isoDateSchema,
  category: documentCategorySchema,
});

/** The patient's page about one professional (`GET /api/access/professionals/:psId`). */
export const professionalDetailSchema = z.strictObject({
  professional: professionalSummarySchema,
  isRegulator: z.boolean(),
  contact: z.strictObject({ email: z.string().nullable() }),
  status: z.enum(['aucun', 'autorise', 'administrateur', 'bloque']),
  since: z.string().nullable(),
  isMedecinTraitant: z.boolean(),
  documents: z.array(professionalDocumentSchema),
  /** Newest first, at most 100. */
  traces: z.array(professionalTraceSchema),
});
export type ProfessionalDetail = z.infer<typeof professionalDetailSchema>;

/** Error codes of the access domain (the web app maps them to its messages). */
export const accessErrorCodes = [
  'access.not_authorized',
  'access.not_administrator',
  'access.not_blocked',
  'access.emergency_masked_needs_mode',
  'professional.rpps_invalid',
  'professional.exists',
] as const;
