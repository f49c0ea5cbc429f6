/** Tables of the delegations domain (issue 13): legal representatives and aidants. */

/** Kind of a delegation. */
export type DelegationKind = 'representant-legal' | 'aidant';

/**
 * `awaiting-activation`: a child's profile whose code went to the representative; `pending`: an
 * invitation (expired when `expires_at` has passed); `active`; `refused`; `revoked`; `ended`
 * (majority or the aidant's end date).
 */
export type DelegationStatus =
  'awaiting-activation' | 'pending' | 'active' | 'refused' | 'revoked' | 'ended';

/** One person acting for another. */
export interface DelegationsTable {
  id: string;
  patient_id: string;
  person_id: string;
  kind: DelegationKind;
  status: DelegationStatus;
  invited_by: string | null;
  created_at: string;
  expires_at: string | null;
  accepted_at: string | null;
  ends_at: string | null;
  ended_at: string | null;
  end_reason: string | null;
}

/** The delegations tables. */
export interface DelegationsDatabase {
  delegations: DelegationsTable;
}
