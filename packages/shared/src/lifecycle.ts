/** Wire schemas of the profile lifecycle: closure, data export, and the public settings. */
import { z } from 'zod';

/** Paramètres › Clôture du profil: the password again and the optional deletion request. */
export const closureRequestSchema = z.strictObject({
  password: z.string().min(1, 'Saisissez votre mot de passe').max(1024),
  requestDeletion: z.boolean(),
});

/** A closure request. */
export type ClosureRequest = z.infer<typeof closureRequestSchema>;

/** States of a data export. */
export const exportStatuses = ['pending', 'running', 'ready', 'failed', 'expired'] as const;

/** "Télécharger mes données": the latest export of the signed-in titulaire. */
export const dataExportSchema = z.strictObject({
  id: z.string(),
  status: z.enum(exportStatuses),
  /** 0–100 while the archive is built. */
  progress: z.number().int().min(0).max(100),
  requestedAt: z.string(),
  readyAt: z.string().nullable(),
  /** Until when the archive can be downloaded (7 days after it is ready). */
  expiresAt: z.string().nullable(),
  size: z.number().int().nullable(),
});

/** A data export. */
export type DataExport = z.infer<typeof dataExportSchema>;

/** The latest export, or none yet. */
export const currentExportSchema = z.strictObject({ export: dataExportSchema.nullable() });

/** The latest export answer. */
export type CurrentExport = z.infer<typeof currentExportSchema>;

/** Settings the web app needs before anyone signs in (GET /api/public-config). */
export const publicConfigSchema = z.strictObject({
  operatorName: z.string(),
  /** True only for a French State service: the header then shows the bloc-marque (Marianne). */
  operatorIsState: z.boolean(),
});

/** The public settings. */
export type PublicConfig = z.infer<typeof publicConfigSchema>;

/** The answer to an opposition: its reference and the token that downloads its attestation. */
export const oppositionResultSchema = z.strictObject({
  status: z.literal('opposed'),
  reference: z.string(),
  attestationToken: z.string(),
});

/** An opposition's answer. */
export type OppositionResult = z.infer<typeof oppositionResultSchema>;

/** POST /api/auth/opposition-attestation: the token (from the end of the flow or the e-mail's link). */
export const attestationRequestSchema = z.strictObject({
  token: z.string().min(20).max(100),
});
