/**
 * The one resolver of "which person does this patient-side request act on, and who acts"
 * (issue 13, ACCESS.md "Patient side"). The selected profile is stored on the session (so that
 * links such as thumbnails and downloads carry it) and re-checked against the current
 * delegations on every request: a revoked or expired delegation denies the very next request.
 * The web app also sends the profile it shows in `X-Carnet-Profile`; a request from a tab that
 * shows another profile than the session's is refused rather than acted on the wrong person.
 */
import type { FastifyRequest } from 'fastify';
import type { TraceInput, TraceStore } from '../../platform/audit/trace-store.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, PatientsTable } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import type { Action, Decision } from '../access/access.policy.ts';
import { decide } from '../access/access.policy.ts';
import type { SessionCookie } from './sessions.http.ts';
import { requireSession } from './sessions.http.ts';
import type { Session, SessionsService } from './sessions.service.ts';

/** How the acting person relates to the selected profile. */
export type ActingRole = 'titulaire' | 'representant-legal' | 'aidant';

/** The patient side of a request: whose record, and who acts on it. */
export interface ActingPerson {
  /** The selected profile: the record every patient-side service acts on. */
  patientId: string;
  role: ActingRole;
  /** The acting account's own person (patient id); equals `patientId` for the titulaire. */
  personId: string;
  accountId: string;
  sessionId: string;
}

/** Port: the delegations service's view of a live relation (delegations.service `relationOf`). */
export interface DelegationLookup {
  relationOf(personId: string, patientId: string): Promise<ActingRole | undefined>;
}

/** Header the web app sends with the profile it shows. */
export const PROFILE_HEADER = 'x-carnet-profile';

/** The actor a trace records for this acting person ("pour le compte de" is added by the store). */
export function traceActorOf(person: ActingPerson): TraceInput['actor'] {
  if (person.role === 'titulaire') return { type: 'patient', id: person.personId };
  return {
    type: person.role === 'aidant' ? 'aidant' : 'legal-representative',
    id: person.personId,
  };
}

/** The policy's actor for this acting person. */
export const policyActorOf = (person: Pick<ActingPerson, 'role'>) =>
  ({ kind: 'person', role: person.role }) as const;

const signInAsPatient = () => new AppError('auth.required', 401, 'Veuillez vous connecter.');

const profileChanged = () =>
  new AppError(
    'profile.changed',
    409,
    'Le profil sélectionné a changé dans un autre onglet. Rechargez la page.',
  );

/** 403 for what the policy forbids an aidant on a profile it sees; 404 for every other denial. */
function denial(decision: Decision): AppError {
  if (decision.reason === 'aidant_not_allowed')
    return new AppError(
      'delegation.forbidden',
      403,
      'En tant qu’aidant, vous ne pouvez pas effectuer cette action pour cette personne.',
    );
  return notFound();
}

/** Builds the resolver (one per app, in deps). */
export function createActingPersonResolver(deps: {
  sessions: SessionsService;
  cookie: SessionCookie;
  delegations: DelegationLookup;
  patients: { find(id: string, db?: Db): Promise<PatientsTable | undefined> };
  traces: TraceStore;
  db: Db;
  clock: Clock;
}) {
  async function traceDenied(input: {
    session: Session;
    personId: string;
    patientId: string | null;
    action: string;
    reason: string;
    role?: ActingRole;
  }) {
    const actor: TraceInput['actor'] =
      input.role && input.role !== 'titulaire'
        ? { type: input.role === 'aidant' ? 'aidant' : 'legal-representative', id: input.personId }
        : { type: 'patient', id: input.personId };
    await deps.traces.append(deps.db, {
      patientId: input.patientId,
      actor,
      action: input.action,
      target: input.patientId ? { type: 'patient', id: input.patientId } : undefined,
      outcome: 'denied',
      details: { reason: input.reason },
    });
  }

  /** The acting person of a relation, or undefined when the person does not represent `patientId`. */
  async function relationOf(session: Session, patientId: string): Promise<ActingRole | undefined> {
    if (!session.patient_id) return undefined;
    if (patientId === session.patient_id) return 'titulaire';
    return deps.delegations.relationOf(session.patient_id, patientId);
  }

  /** The acting person of a request, or 401/404 (traced)/409. */
  async function current(request: FastifyRequest): Promise<ActingPerson> {
    const session = await requireSession(request, deps.sessions, deps.cookie);
    // A professional's session has no patient side (as before issue 13: sign in as a patient).
    if (!session.patient_id) throw signInAsPatient();
    const selected = session.acting_patient_id ?? session.patient_id;
    const shown = request.headers[PROFILE_HEADER];
    if (typeof shown === 'string' && shown !== '' && shown !== selected) throw profileChanged();
    const role = await relationOf(session, selected);
    if (!role) {
      const exists = await deps.patients.find(selected);
      await traceDenied({
        session,
        personId: session.patient_id,
        patientId: exists ? selected : null,
        action: 'profile.act',
        reason: 'no_relation',
      });
      throw notFound();
    }
    return {
      patientId: selected,
      role,
      personId: session.patient_id,
      accountId: session.account_id,
      sessionId: session.id,
    };
  }

  return {
    current,

    /**
     * The acting person allowed `action` on the selected record by the one policy
     * (access.policy `decide`), or the policy's denial, traced. New patient-side modules call
     * `await deps.actingPerson.require(request, 'data.read')` and use `.patientId`.
     */
    async require(request: FastifyRequest, action: Action): Promise<ActingPerson> {
      const person = await current(request);
      const record = await deps.patients.find(person.patientId);
      if (!record) throw notFound();
      const decision = decide(
        policyActorOf(person),
        { status: record.status },
        action,
        { type: 'record' },
        { now: deps.clock.now().toISOString() },
      );
      if (decision.allow) return person;
      if (person.role !== 'titulaire')
        await traceDenied({
          session: { patient_id: person.personId } as Session,
          personId: person.personId,
          patientId: person.patientId,
          action,
          reason: decision.reason,
          role: person.role,
        });
      throw denial(decision);
    },

    /** Selects a profile for the session; one the person does not represent answers 404, traced. */
    async select(request: FastifyRequest, patientId: string): Promise<ActingPerson> {
      const session = await requireSession(request, deps.sessions, deps.cookie);
      if (!session.patient_id) throw signInAsPatient();
      const role = await relationOf(session, patientId);
      if (!role) {
        const exists = await deps.patients.find(patientId);
        await traceDenied({
          session,
          personId: session.patient_id,
          patientId: exists ? patientId : null,
          action: 'profile.switch',
          reason: 'no_relation',
        });
        throw notFound();
      }
      await deps.sessions.selectProfile(
        session.id,
        patientId === session.patient_id ? null : patientId,
      );
      return {
        patientId,
        role,
        personId: session.patient_id,
        accountId: session.account_id,
        sessionId: session.id,
      };
    },

    /** The session's own person and its selection, without checking it (the profiles list). */
    async session(request: FastifyRequest): Promise<Session & { patient_id: string }> {
      const session = await requireSession(request, deps.sessions, deps.cookie);
      if (!session.patient_id) throw signInAsPatient();
      return session as Session & { patient_id: string };
    },
  };
}

/** The resolver. */
export type ActingPersonResolver = ReturnType<typeof createActingPersonResolver>;
