/**
 * The rules of Proches (issue 13, PRODUCT.md "Actors") as pure functions: majority, the limits on
 * aidants, identity matching of an invitation, and who may end a delegation. What a
 * representative or an aidant may do on a record is access.policy's `decide`, not here.
 */
import type { DelegationsTable } from '../../platform/db/schema-delegations.ts';
import type { ActingPerson } from '../sessions/acting-person.ts';

/** At most 3 aidants per person. */
export const MAX_AIDANTS_PER_PERSON = 3;
/** An aidant helps at most 5 people. */
export const MAX_AIDES_PER_AIDANT = 5;
/** A pending invitation expires after 30 days. */
export const INVITATION_LIFETIME_MS = 30 * 24 * 3600_000;

/** The day someone born on `birthDate` (YYYY-MM-DD) turns 18 (29 February → 1 March). */
export function majorityDay(birthDate: string): string {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + 18, m - 1, d)).toISOString().slice(0, 10);
}

/** Still a minor on `day` (YYYY-MM-DD)? */
export function isMinorOn(birthDate: string, day: string): boolean {
  return majorityDay(birthDate) > day;
}

/** Names compared without case, accents, and with hyphens and spaces alike. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase()
      .replace(/[\s'’-]+/g, ' ')
      .trim();
  return norm(a) === norm(b);
}

/** Status shown for a delegation at `now`. */
export function statusLabel(
  row: Pick<DelegationsTable, 'status' | 'expires_at' | 'ends_at'>,
  now: string,
): 'PENDING' | 'ACCEPTED' | 'REFUSED' | 'EXPIRED' | 'REVOKED' | 'ENDED' {
  switch (row.status) {
    case 'pending':
    case 'awaiting-activation':
      return row.expires_at !== null && row.expires_at <= now ? 'EXPIRED' : 'PENDING';
    case 'active':
      return row.ends_at !== null && row.ends_at <= now ? 'ENDED' : 'ACCEPTED';
    case 'refused':
      return 'REFUSED';
    case 'revoked':
      return 'REVOKED';
    default:
      return 'ENDED';
  }
}

/**
 * Who may end a delegation: its representative or aidant (their own access or an invitation
 * they received); the titulaire her aidants; whoever manages the record (titulaire or a
 * representative) a still-pending invitation. A representative never ends the other's access.
 */
export function mayEnd(
  actor: Pick<ActingPerson, 'patientId' | 'personId' | 'role'>,
  row: Pick<DelegationsTable, 'patient_id' | 'person_id' | 'kind' | 'status'>,
): boolean {
  if (row.person_id === actor.personId) return true;
  if (row.patient_id !== actor.patientId || actor.role === 'aidant') return false;
  if (row.status === 'pending') return true;
  return row.kind === 'aidant' && actor.role === 'titulaire';
}
