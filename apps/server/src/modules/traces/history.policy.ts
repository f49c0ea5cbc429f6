/**
 * Who may read which traces of a record (ACCESS.md "Professional side: other actions": "read access
 * traces of the record — médecin traitant; any PS for its own traces"). Pure: callers load the facts.
 */

/** The traces a professional asks for: every professional's access to the record, or its own. */
export type TraceScope = 'record' | 'own';

/** The facts the decision needs. */
export interface TraceReadFacts {
  scope: TraceScope;
  recordStatus: 'active' | 'closed' | 'pending-activation' | 'opposed' | 'missing';
  grant: 'none' | 'authorized' | 'administrator' | 'blocked';
  isMedecinTraitant: boolean;
}

/** The verdict and why, for the trace of the decision. */
export interface TraceReadDecision {
  allow: boolean;
  reason: 'record_inactive' | 'blocked' | 'not_medecin_traitant' | 'medecin_traitant' | 'own';
}

/** Decides a professional's read of traces; the first matching row wins. */
export function decideTraceRead(facts: TraceReadFacts): TraceReadDecision {
  // ACCESS.md row 1: nothing of a record that is not active.
  if (facts.recordStatus !== 'active') return { allow: false, reason: 'record_inactive' };
  // What a PS did itself is its own record of work: it may always read it back.
  if (facts.scope === 'own') return { allow: true, reason: 'own' };
  // ACCESS.md row 2: a blocked PS reads nothing of the record, médecin traitant or not.
  if (facts.grant === 'blocked') return { allow: false, reason: 'blocked' };
  if (!facts.isMedecinTraitant) return { allow: false, reason: 'not_medecin_traitant' };
  return { allow: true, reason: 'medecin_traitant' };
}
