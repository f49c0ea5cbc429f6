/** Wire schemas of professionals' access and emergency access (ACCESS.md, the guide's screens). */
import { z } from 'zod';

/** A professional as the patient sees them. */
export const professionalSummarySchema = z.strictObject({
  id: z.string(),
  rpps: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  profession: z.string(),
  /** French label of the profession. */
  professionLabel: z.string(),
  specialty: z.string().nullable(),
});
export type ProfessionalSummary = z.infer<typeof professionalSummarySchema>;

/** One line of "Autorisé(s)" or "Bloqué(s)": "Nom Prénom — statut — Depuis le dd/mm/yyyy". */
export const accessEntrySchema = z.strictObject({
  professional: professionalSummarySchema,
  status: z.enum(['administrateur', 'autorise', 'bloque']),
  since: z.string(),
});
export type AccessEntry = z.infer<typeof accessEntrySchema>;

export const accessListSchema = z.strictObject({
  authorized: z.array(accessEntrySchema),
  blocked: z.array(accessEntrySchema),
});
export type AccessList = z.infer<typeof accessListSchema>;

/** The three emergency toggles; `masked` needs `samu` or `others`. */
export const emergencySettingsSchema = z.strictObject({
  samu: z.boolean(),
  others: z.boolean(),
  masked: z.boolean(),
});
export type EmergencySettings = z.infer<typeof emergencySettingsSchema>;

/** Emergency access opened by a professional: mode and a written reason. */
export const emergencyAccessRequestSchema = z.strictObject({
  mode: z.enum(['samu', 'bris-de-glace']),
  reason: z.string().trim().min(3, 'Indiquez le motif de l’accès en urgence').max(500),
});

/** Directory search (to block a professional who never accessed). */
export const directoryQuerySchema = z.strictObject({ q: z.string().trim().min(2).max(100) });
export const directoryResultSchema = z.strictObject({
  professionals: z.array(professionalSummarySchema),
});
