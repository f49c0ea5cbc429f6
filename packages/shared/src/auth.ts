/** Wire schemas of activation, the 3-step sign-in, recovery and account settings. */
import { z } from 'zod';

/** INS (NIR) : 13 digits and a 2-digit key, spaces allowed on input. */
export const insSchema = z
  .string()
  .trim()
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^[12]\d{12}\d{2}$/, 'INS invalide'));

/** Calendar date `YYYY-MM-DD`. */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date invalide');

/** Identifiant rules (PRODUCT.md): ≥ 8 characters of letters, digits and `. - _`, not an e-mail nor a NIR. */
export const identifiantSchema = z
  .string()
  .trim()
  .min(8, 'Au moins 8 caractères')
  .max(64, 'Au plus 64 caractères')
  .regex(/^[A-Za-z0-9._-]+$/, 'Lettres, chiffres et . - _ uniquement')
  .refine(
    (v) => !/^\d{13,15}$/.test(v),
    'Un identifiant ne peut pas être un numéro de sécurité sociale',
  );

/** Password on input: length only here; strength is judged by the server (SECURITY.md). */
export const passwordSchema = z
  .string()
  .min(12, 'Au moins 12 caractères')
  .max(128, 'Au plus 128 caractères');

/** One-time code: exactly 6 digits. */
export const otpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Le code contient 6 chiffres');

/** Where a one-time code is sent. */
export const channelSchema = z.enum(['email', 'sms']);
export type Channel = z.infer<typeof channelSchema>;

export const loginRequestSchema = z.strictObject({
  identifiant: z.string().trim().min(1).max(128),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** A channel offered at step 2/3, with the address masked (`i,*****@yahoo.fr`, `*****5 25`). */
export const maskedChannelSchema = z.strictObject({ channel: channelSchema, masked: z.string() });
export type MaskedChannel = z.infer<typeof maskedChannelSchema>;

export const loginResponseSchema = z.strictObject({ channels: z.array(maskedChannelSchema) });
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const codeRequestSchema = z.strictObject({ channel: channelSchema });
export const codeSentSchema = z.strictObject({
  channel: channelSchema,
  masked: z.string(),
  resendAfterSeconds: z.number().int(),
});
export type CodeSent = z.infer<typeof codeSentSchema>;

export const codeVerifySchema = z.strictObject({ code: otpCodeSchema });

/** The signed-in person as the web app sees them. */
export const meSchema = z.strictObject({
  kind: z.enum(['patient', 'professional']),
  identifiant: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  /** "Inaya M." */
  displayName: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
});
export type Me = z.infer<typeof meSchema>;

export const activationRequestSchema = z.strictObject({
  activationCode: z.string().trim().min(1).max(64),
  ins: insSchema,
  birthDate: isoDateSchema,
  identifiant: identifiantSchema,
  password: passwordSchema,
  acceptTerms: z.literal(true, { error: 'Vous devez accepter les conditions générales' }),
});
export type ActivationRequest = z.input<typeof activationRequestSchema>;

export const oppositionRequestSchema = z.strictObject({
  activationCode: z.string().trim().min(1).max(64),
  ins: insSchema,
  birthDate: isoDateSchema,
});
export type OppositionRequest = z.input<typeof oppositionRequestSchema>;

/** Forgotten identifiant or start of a password reset: INS + birth date + channel. */
export const recoveryRequestSchema = z.strictObject({
  ins: insSchema,
  birthDate: isoDateSchema,
  channel: channelSchema,
});
export type RecoveryRequest = z.input<typeof recoveryRequestSchema>;

/** Always the same answer, whether the person exists or not (no enumeration). */
export const recoveryAcceptedSchema = z.strictObject({ flowId: z.string() });

export const passwordResetCompleteSchema = z.strictObject({
  flowId: z.string().min(1).max(128),
  code: otpCodeSchema,
  newPassword: passwordSchema,
});

export const passwordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: passwordSchema,
});

/** E-mail or French/international mobile number. */
export const contactChangeRequestSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('email'), value: z.email('Adresse e-mail invalide').max(254) }),
  z.strictObject({
    kind: z.literal('mobile'),
    value: z
      .string()
      .trim()
      .regex(/^(\+\d{1,3}|0)[\d .-]{8,16}$/, 'Numéro de mobile invalide'),
  }),
]);
export type ContactChangeRequest = z.infer<typeof contactChangeRequestSchema>;

export const contactChangeStartedSchema = z.strictObject({
  flowId: z.string(),
  masked: z.string(),
});
export const contactChangeConfirmSchema = z.strictObject({
  flowId: z.string().min(1).max(128),
  code: otpCodeSchema,
});

export const sessionInfoSchema = z.strictObject({
  id: z.string(),
  current: z.boolean(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  device: z.string(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
export const sessionListSchema = z.strictObject({ sessions: z.array(sessionInfoSchema) });
