/**
 * Proches (issue 13): legal representatives of minors and aidants. Invitations by INS, names and
 * birth date (no enumeration), accepted from the invitee's own account; the live relation the
 * acting-person resolver checks on every request; the daily detachment at 18. Every change is
 * traced in its transaction on the record's chain.
 */
import type { Delegation, InvitationRequest, Profile, Sharing } from '@carnet/shared';
import { parisDay } from '@carnet/shared';
import type { Kysely } from 'kysely';
import type { TraceStore } from '../../platform/audit/trace-store.ts';
import type { Clock } from '../../platform/clock.ts';
import { isoPlus } from '../../platform/clock.ts';
import type { Database, Db, PatientsTable } from '../../platform/db/schema.ts';
import type { DelegationKind, DelegationsTable } from '../../platform/db/schema-delegations.ts';
import { notFound } from '../../platform/http/app-error.ts';
import type { Outbox } from '../../platform/mail/outbox.ts';
import { accountsErrors } from '../accounts/accounts.errors.ts';
import type { ActivationService } from '../accounts/activation.service.ts';
import type { NewPatient, PatientsService } from '../patients/patients.service.ts';
import type { ActingPerson, ActingRole } from '../sessions/acting-person.ts';
import { traceActorOf } from '../sessions/acting-person.ts';
import { delegationsErrors } from './delegations.errors.ts';
import { accessEndedMessage, invitationMessage, majorityMessage } from './delegations.messages.ts';
import {
  INVITATION_LIFETIME_MS,
  MAX_AIDANTS_PER_PERSON,
  MAX_AIDES_PER_AIDANT,
  isMinorOn,
  mayEnd,
  sameName,
  statusLabel,
} from './delegations.policy.ts';
import { createDelegationsRepository } from './delegations.repository.ts';

/** Called when an aidant's access starts (the documents module saves the "justificatif d'accès"). */
export type AidantAccessStarted = (input: {
  patientId: string;
  aidant: { personId: string; firstName: string; lastName: string };
  endsOn: string | null;
}) => Promise<void>;

/** Dependencies of the delegations. */
export interface DelegationsDeps {
  db: Kysely<Database>;
  clock: Clock;
  newId: (prefix: string) => string;
  traces: TraceStore;
  outbox: Outbox;
  patients: Pick<PatientsService, 'find' | 'findByIns' | 'setStatus' | 'create'>;
  activation: Pick<ActivationService, 'createProfile' | 'activateManaged' | 'issueCode'>;
  publicUrl: string;
  onAidantAccessStarted?: AidantAccessStarted | undefined;
}

const roleOfKind = (kind: DelegationKind): ActingRole =>
  kind === 'aidant' ? 'aidant' : 'representant-legal';
const traceTypeOf = (kind: DelegationKind) =>
  kind === 'aidant' ? ('aidant' as const) : ('legal-representative' as const);

/** The delegations service. */
export function createDelegationsService(deps: DelegationsDeps) {
  const { db, clock } = deps;
  const today = () => parisDay(clock.now());
  const nowIso = () => clock.now().toISOString();

  async function nameOf(id: string, on: Db = db): Promise<{ firstName: string; lastName: string }> {
    const p = await deps.patients.find(id, on);
    return { firstName: p?.first_name ?? '', lastName: p?.last_name ?? '' };
  }

  async function toDto(row: DelegationsTable, personId: string): Promise<Delegation> {
    return {
      id: row.id,
      kind: row.kind,
      status: statusLabel(row, nowIso()),
      patient: await nameOf(row.patient_id),
      person: await nameOf(row.person_id),
      mine: row.person_id === personId,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      endsOn: row.ends_at ? row.ends_at.slice(0, 10) : null,
    };
  }

  /** The invitee behind an identity: active, adult, same names and birth date — or one answer. */
  async function inviteeOf(input: InvitationRequest, actor: ActingPerson): Promise<PatientsTable> {
    const invitee = await deps.patients.findByIns(input.ins);
    if (invitee?.id === actor.personId) throw delegationsErrors.self();
    if (
      !invitee ||
      invitee.status !== 'active' ||
      invitee.birth_date !== input.birthDate ||
      !sameName(invitee.first_name, input.firstName) ||
      !sameName(invitee.last_name, input.lastName) ||
      isMinorOn(invitee.birth_date, today())
    )
      throw delegationsErrors.identityMismatch();
    if (invitee.id === actor.patientId) throw delegationsErrors.self();
    return invitee;
  }

  async function invite(
    actor: ActingPerson,
    invitee: PatientsTable,
    kind: DelegationKind,
    endsAt: string | null,
  ): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const repo = createDelegationsRepository(trx);
      const open = (await repo.listForPatient(actor.patientId)).some(
        (d) =>
          d.person_id === invitee.id &&
          (d.status === 'active' ||
            d.status === 'awaiting-activation' ||
            (d.status === 'pending' && (d.expires_at ?? '') > nowIso())),
      );
      if (open) throw delegationsErrors.already();
      if (kind === 'aidant') {
        const aidants = await repo.countOpen({
          kind,
          patientId: actor.patientId,
          now: nowIso(),
          includePending: true,
        });
        if (aidants >= MAX_AIDANTS_PER_PERSON) throw delegationsErrors.tooManyAidants();
        const aides = await repo.countOpen({
          kind,
          personId: invitee.id,
          now: nowIso(),
          includePending: false,
        });
        if (aides >= MAX_AIDES_PER_AIDANT) throw delegationsErrors.tooManyAides();
      }
      const id = deps.newId('dlg');
      await repo.insert({
        id,
        patient_id: actor.patientId,
        person_id: invitee.id,
        kind,
        status: 'pending',
        invited_by: actor.personId,
        created_at: nowIso(),
        expires_at: isoPlus(clock.now(), INVITATION_LIFETIME_MS),
        accepted_at: null,
        ends_at: endsAt,
        ended_at: null,
        end_reason: null,
      });
      await deps.traces.append(trx, {
        patientId: actor.patientId,
        actor: traceActorOf(actor),
        action: 'delegation.invite',
        target: { type: 'delegation', id },
        details: { kind },
      });
      if (invitee.email) {
        const from = await nameOf(actor.personId, trx);
        await deps.outbox.enqueue(
          trx,
          invitationMessage({
            to: invitee.email,
            kind,
            from: `${from.firstName} ${from.lastName}`,
            publicUrl: deps.publicUrl,
          }),
          invitee.id,
        );
      }
    });
  }

  /** Ends a delegation (revocation, refusal, majority, end date) with its trace and a notice. */
  async function end(
    trx: Db,
    row: DelegationsTable,
    input: {
      to: DelegationsTable['status'];
      action: string;
      actor: Parameters<TraceStore['append']>[1]['actor'];
      reason: string;
    },
  ): Promise<boolean> {
    const done = await createDelegationsRepository(trx).update(row.id, row.status, {
      status: input.to,
      ended_at: nowIso(),
      end_reason: input.reason,
    });
    if (!done) return false;
    await deps.traces.append(trx, {
      patientId: row.patient_id,
      actor: input.actor,
      action: input.action,
      target: { type: 'delegation', id: row.id },
      details: { kind: row.kind, reason: input.reason },
    });
    return true;
  }

  /** The live role of `personId` on `patientId`'s active record, or undefined (resolver port). */
  async function relationOf(personId: string, patientId: string): Promise<ActingRole | undefined> {
    const row = await createDelegationsRepository(db).findLive(personId, patientId, nowIso());
    if (!row) return undefined;
    const patient = await deps.patients.find(patientId);
    if (!patient || patient.status !== 'active') return undefined;
    // Representatives lose access at 18 even before the daily job runs.
    if (row.kind === 'representant-legal' && !isMinorOn(patient.birth_date, today()))
      return undefined;
    return roleOfKind(row.kind);
  }

  return {
    /** Whether the person is a minor today (Paris day, per the clock); false when unknown. */
    async isMinor(patientId: string, on: Db = db): Promise<boolean> {
      const patient = await deps.patients.find(patientId, on);
      return patient !== undefined && isMinorOn(patient.birth_date, today());
    },

    relationOf,

    /** The profiles the person may act on: her own first, then those she represents or helps. */
    async profiles(personId: string): Promise<Profile[]> {
      const own = await deps.patients.find(personId);
      const list: Profile[] = own
        ? [
            {
              patientId: own.id,
              firstName: own.first_name,
              lastName: own.last_name,
              role: 'titulaire',
            },
          ]
        : [];
      const rows = await createDelegationsRepository(db).listForPerson(personId);
      for (const row of rows) {
        if (statusLabel(row, nowIso()) !== 'ACCEPTED') continue;
        const role = await relationOf(personId, row.patient_id);
        if (!role) continue;
        const name = await nameOf(row.patient_id);
        list.push({ patientId: row.patient_id, ...name, role });
      }
      return list;
    },

    /** Partage du profil of the selected profile, and what the person received. */
    async sharing(actor: ActingPerson): Promise<Sharing> {
      const repo = createDelegationsRepository(db);
      const patient = await deps.patients.find(actor.patientId);
      if (!patient) throw notFound();
      const onRecord = await repo.listForPatient(actor.patientId);
      const received = await repo.listForPerson(actor.personId);
      const dto = (rows: DelegationsTable[]) =>
        Promise.all(rows.map((row) => toDto(row, actor.personId)));
      return {
        profileKind: isMinorOn(patient.birth_date, today()) ? 'minor' : 'adult',
        representatives: await dto(
          onRecord.filter(
            (d) => d.kind === 'representant-legal' && d.status !== 'awaiting-activation',
          ),
        ),
        aidants: await dto(onRecord.filter((d) => d.kind === 'aidant')),
        received: await dto(received.filter((d) => d.status !== 'awaiting-activation')),
      };
    },

    /** The first representative invites the second one (a minor's profile only). */
    async inviteRepresentative(actor: ActingPerson, input: InvitationRequest): Promise<void> {
      const patient = await deps.patients.find(actor.patientId);
      if (!patient) throw notFound();
      if (actor.role !== 'representant-legal' || !isMinorOn(patient.birth_date, today()))
        throw delegationsErrors.notMinor();
      const invitee = await inviteeOf(input, actor);
      await invite(actor, invitee, 'representant-legal', null);
    },

    /** An adult titulaire invites an aidant, with an optional end date. */
    async inviteAidant(
      actor: ActingPerson,
      input: InvitationRequest & { endsOn?: string | undefined },
    ): Promise<void> {
      const patient = await deps.patients.find(actor.patientId);
      if (!patient) throw notFound();
      if (actor.role !== 'titulaire' || isMinorOn(patient.birth_date, today()))
        throw delegationsErrors.notAdult();
      if (input.endsOn !== undefined && input.endsOn <= today())
        throw delegationsErrors.endsOnInvalid();
      const invitee = await inviteeOf(input, actor);
      const endsAt = input.endsOn ? `${input.endsOn}T23:59:59.999Z` : null;
      await invite(actor, invitee, 'aidant', endsAt);
    },

    /** The invitee accepts from her own account; someone else's invitation answers 404. */
    async accept(personId: string, id: string): Promise<void> {
      let started: Parameters<AidantAccessStarted>[0] | undefined;
      await db.transaction().execute(async (trx) => {
        const repo = createDelegationsRepository(trx);
        const row = await repo.find(id);
        if (!row || row.person_id !== personId || row.status !== 'pending') throw notFound();
        if ((row.expires_at ?? '') <= nowIso()) throw delegationsErrors.expired();
        if (row.kind === 'aidant') {
          const aides = await repo.countOpen({
            kind: 'aidant',
            personId,
            now: nowIso(),
            includePending: false,
          });
          if (aides >= MAX_AIDES_PER_AIDANT) throw delegationsErrors.tooManyAides();
        }
        if (!(await repo.update(id, 'pending', { status: 'active', accepted_at: nowIso() })))
          throw notFound();
        await deps.traces.append(trx, {
          patientId: row.patient_id,
          actor: { type: traceTypeOf(row.kind), id: personId },
          action: 'delegation.accept',
          target: { type: 'delegation', id },
          details: { kind: row.kind },
        });
        if (row.kind === 'aidant') {
          const aidant = await nameOf(personId, trx);
          started = {
            patientId: row.patient_id,
            aidant: { personId, ...aidant },
            endsOn: row.ends_at ? row.ends_at.slice(0, 10) : null,
          };
        }
      });
      // The justificatif is a document of the helped person, saved by the documents service.
      if (started && deps.onAidantAccessStarted) await deps.onAidantAccessStarted(started);
    },

    /** The invitee refuses. */
    async refuse(personId: string, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const row = await createDelegationsRepository(trx).find(id);
        if (!row || row.person_id !== personId || row.status !== 'pending') throw notFound();
        if ((row.expires_at ?? '') <= nowIso()) throw delegationsErrors.expired();
        const done = await end(trx, row, {
          to: 'refused',
          action: 'delegation.refuse',
          actor: { type: traceTypeOf(row.kind), id: personId },
          reason: 'refused',
        });
        if (!done) throw notFound();
      });
    },

    /** Either side ends an access or cancels an invitation (delegations.policy `mayEnd`). */
    async revoke(actor: ActingPerson, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const row = await createDelegationsRepository(trx).find(id);
        if (!row || !mayEnd(actor, row)) throw notFound();
        if (row.status !== 'active' && row.status !== 'pending') throw notFound();
        const self = row.person_id === actor.personId;
        const done = await end(trx, row, {
          to: 'revoked',
          action: 'delegation.revoke',
          actor: self ? { type: traceTypeOf(row.kind), id: actor.personId } : traceActorOf(actor),
          reason: self ? 'by_delegate' : 'by_record',
        });
        if (!done) throw notFound();
        // The representative or aidant whose access the record's side ended is told.
        const notified = self ? undefined : await deps.patients.find(row.person_id, trx);
        if (notified?.email)
          await deps.outbox.enqueue(
            trx,
            accessEndedMessage({
              to: notified.email,
              who: (await nameOf(row.patient_id, trx)).firstName,
            }),
            row.person_id,
          );
      });
    },

    /**
     * Operator: creates a child's profile attached to a legal representative (by INS, with an
     * activated account); the code provisoire goes to the representative.
     */
    async createChildProfile(input: NewPatient & { representativeIns: string }) {
      const representative = await deps.patients.findByIns(input.representativeIns);
      if (
        !representative ||
        representative.status !== 'active' ||
        isMinorOn(representative.birth_date, today())
      )
        throw delegationsErrors.representativeUnknown();
      return deps.activation.createProfile(input, {
        recipient: representative,
        inTransaction: async (trx, child) => {
          const id = deps.newId('dlg');
          await createDelegationsRepository(trx).insert({
            id,
            patient_id: child.id,
            person_id: representative.id,
            kind: 'representant-legal',
            status: 'awaiting-activation',
            invited_by: null,
            created_at: nowIso(),
            expires_at: null,
            accepted_at: null,
            ends_at: null,
            ended_at: null,
            end_reason: null,
          });
          await deps.traces.append(trx, {
            patientId: child.id,
            actor: { type: 'operator', id: null },
            action: 'delegation.attach',
            target: { type: 'delegation', id },
            details: { kind: 'representant-legal' },
          });
        },
      });
    },

    /** Demo data: a child's profile already activated and attached to its representative. */
    async createActivatedChild(input: NewPatient & { representativeId: string }) {
      return db.transaction().execute(async (trx) => {
        const child = await deps.patients.create(trx, input);
        await deps.patients.setStatus(trx, child.id, 'active');
        const id = deps.newId('dlg');
        await createDelegationsRepository(trx).insert({
          id,
          patient_id: child.id,
          person_id: input.representativeId,
          kind: 'representant-legal',
          status: 'active',
          invited_by: null,
          created_at: nowIso(),
          expires_at: null,
          accepted_at: nowIso(),
          ends_at: null,
          ended_at: null,
          end_reason: null,
        });
        await deps.traces.append(trx, {
          patientId: child.id,
          actor: { type: 'operator', id: null },
          action: 'delegation.attach',
          target: { type: 'delegation', id },
          details: { kind: 'representant-legal' },
        });
        return child;
      });
    },

    /** The representative activates the child's profile with its code ("Je certifie…"). */
    async activateChild(
      personId: string,
      input: { activationCode: string; ins: string; birthDate: string; ip: string },
    ): Promise<Profile> {
      const child = await deps.activation.activateManaged(input, async (trx, patient) => {
        const rows = await createDelegationsRepository(trx).listForPatient(patient.id);
        const mine = rows.find(
          (d) => d.person_id === personId && d.status === 'awaiting-activation',
        );
        // Someone else's child: the same answer as a wrong code (no enumeration).
        if (!mine) throw accountsErrors.activationInvalid();
        await createDelegationsRepository(trx).update(mine.id, 'awaiting-activation', {
          status: 'active',
          accepted_at: nowIso(),
        });
        await deps.traces.append(trx, {
          patientId: patient.id,
          actor: { type: 'legal-representative', id: personId },
          action: 'delegation.activate_child',
          target: { type: 'delegation', id: mine.id },
        });
      });
      return {
        patientId: child.id,
        firstName: child.first_name,
        lastName: child.last_name,
        role: 'representant-legal',
      };
    },

    /**
     * Daily job: a profile whose titulaire turned 18 detaches — representatives lose access, the
     * young adult gets her own code provisoire; traced and e-mailed. Returns the profiles detached.
     */
    async detachAdults(): Promise<number> {
      const rows = await createDelegationsRepository(db).listRepresentations();
      const byPatient = new Map<string, DelegationsTable[]>();
      for (const row of rows)
        byPatient.set(row.patient_id, [...(byPatient.get(row.patient_id) ?? []), row]);
      let detached = 0;
      for (const [patientId, delegations] of byPatient) {
        const child = await deps.patients.find(patientId);
        if (!child || isMinorOn(child.birth_date, today())) continue;
        await db.transaction().execute(async (trx) => {
          const representatives: PatientsTable[] = [];
          for (const row of delegations) {
            const ended = await end(trx, row, {
              to: 'ended',
              action: 'delegation.majority',
              actor: { type: 'system', id: null },
              reason: 'majority',
            });
            const rep = ended ? await deps.patients.find(row.person_id, trx) : undefined;
            if (rep && row.status === 'active') representatives.push(rep);
          }
          for (const rep of representatives)
            if (rep.email)
              await deps.outbox.enqueue(
                trx,
                majorityMessage({ to: rep.email, firstName: child.first_name }),
                rep.id,
              );
          if (child.status === 'active') {
            await deps.patients.setStatus(trx, child.id, 'pending-activation');
          }
          // The young adult's own code: to her contact, else to a representative to hand over.
          const to = child.email || child.mobile ? child : representatives[0];
          if (to) await deps.activation.issueCode(trx, child.id, to);
        });
        detached += 1;
      }
      return detached;
    },
  };
}

/** The delegations service. */
export type DelegationsService = ReturnType<typeof createDelegationsService>;
