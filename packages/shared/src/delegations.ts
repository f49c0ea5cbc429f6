/** Wire schemas of Proches (issue 13): profiles one acts on, Partage du profil, invitations. */
import { z } from 'zod';
import { insSchema, isoDateSchema } from './auth.ts';

/** How the signed-in person relates to a profile. */
/**
 * Still a minor on `day` (both YYYY-MM-DD): before the 18th birthday (29 February → 1 March).
 * INVISIBLE_REPRESENTANTS_LEGAUX is offered, and accepted, for minors only (issue 13).
 */
export function isMinorOn(birthDate: string, day: string): boolean {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + 18, m - 1, d)).toISOString().slice(0, 10) > day;
}

/** How the acting person relates to the selected profile. */
export const actingRoleSchema = z.enum(['titulaire', 'representant-legal', 'aidant']);
export type ActingRole = z.infer<typeof actingRoleSchema>;

/** A profile the signed-in person may act on (the header's profile switcher). */
export const profileSchema = z.strictObject({
  patientId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  role: actingRoleSchema,
});
export type Profile = z.infer<typeof profileSchema>;

/** The switcher: every profile and the selected one. */
export const profileListSchema = z.strictObject({
  current: z.string(),
  profiles: z.array(profileSchema),
});
export type ProfileList = z.infer<typeof profileListSchema>;

/** Selecting a profile. */
export const profileSelectSchema = z.strictObject({
  patientId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'Profil invalide'),
});
export type ProfileSelect = z.infer<typeof profileSelectSchema>;

const nameSchema = z
  .string()
  .trim()
  .min(1, 'Ce champ est obligatoire')
  .max(100, 'Ce champ est trop long');

/** Inviting a second legal representative or an aidant: the invitee's identity. */
export const invitationRequestSchema = z.strictObject({
  ins: insSchema,
  firstName: nameSchema,
  lastName: nameSchema,
  birthDate: isoDateSchema,
});
export type InvitationRequest = z.input<typeof invitationRequestSchema>;

/** Inviting an aidant: the identity and an optional end date of the access. */
export const aidantInvitationRequestSchema = invitationRequestSchema.extend({
  endsOn: isoDateSchema.optional(),
});
export type AidantInvitationRequest = z.input<typeof aidantInvitationRequestSchema>;

/** Status of an invitation or access as shown. */
export const delegationStatusSchema = z.enum([
  'PENDING',
  'ACCEPTED',
  'REFUSED',
  'EXPIRED',
  'REVOKED',
  'ENDED',
]);
export type DelegationStatusLabel = z.infer<typeof delegationStatusSchema>;

/** One access or invitation of Partage du profil. */
export const delegationSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(['representant-legal', 'aidant']),
  status: delegationStatusSchema,
  /** The represented or helped person. */
  patient: z.strictObject({ firstName: z.string(), lastName: z.string() }),
  /** The representative or aidant. */
  person: z.strictObject({ firstName: z.string(), lastName: z.string() }),
  /** True when the signed-in person is the representative or aidant of this line. */
  mine: z.boolean(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  endsOn: z.string().nullable(),
});
export type Delegation = z.infer<typeof delegationSchema>;

/** Partage du profil of the selected profile, and the invitations the person received. */
export const sharingSchema = z.strictObject({
  /** Whether the selected profile is a minor's (second representative) or an adult's (aidants). */
  profileKind: z.enum(['minor', 'adult']),
  representatives: z.array(delegationSchema),
  aidants: z.array(delegationSchema),
  /** People the signed-in person helps or represents, and invitations addressed to her. */
  received: z.array(delegationSchema),
});
export type Sharing = z.infer<typeof sharingSchema>;

/** A representative activates a child's profile with the code she received. */
export const childActivationRequestSchema = z.strictObject({
  activationCode: z.string().trim().min(1).max(64),
  ins: insSchema,
  birthDate: isoDateSchema,
  certify: z.literal(true, {
    error: 'Vous devez certifier être le représentant légal de cet enfant',
  }),
});
export type ChildActivationRequest = z.input<typeof childActivationRequestSchema>;
