/**
 * The patient's side of access (ACCESS.md "Patient side: managing access", the guide's
 * "Accès des professionnels de santé" and "Accès en cas d'urgence"). Every change is traced in
 * its transaction and read back by the next request of any server instance (no cache).
 */
import type {
  AccessEntry,
  AccessList,
  EmergencySettings,
  ProfessionalDetail,
  ProfessionalSummary,
} from '@carnet/shared';
import type { Kysely } from 'kysely';
import type { TraceStore } from '../../platform/audit/trace-store.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Db } from '../../platform/db/schema.ts';
import type { GrantsTable } from '../../platform/db/schema-access.ts';
import { notFound } from '../../platform/http/app-error.ts';
import type { PatientsService } from '../patients/patients.service.ts';
import type { Professional, ProfessionalsService } from '../professionals/professionals.service.ts';
import { toProfessionalSummary } from '../professionals/professionals.service.ts';
import type { ActingPerson } from '../sessions/acting-person.ts';
import { policyActorOf, traceActorOf } from '../sessions/acting-person.ts';
import { emergencySettingsOf } from './access-gate.service.ts';
import { accessErrors } from './access.errors.ts';
import type { Action } from './access.policy.ts';
import { decide } from './access.policy.ts';
import { createAccessRepository } from './access.repository.ts';

/** Documents a professional added to a record, as the titulaire may see them (documents service). */
export type DocumentsAddedBy = (
  patientId: string,
  professionalId: string,
) => Promise<ProfessionalDetail['documents']>;

const statusLabel = {
  authorized: 'autorise',
  administrator: 'administrateur',
  blocked: 'bloque',
} as const satisfies Record<Exclude<GrantsTable['status'], 'none'>, AccessEntry['status']>;

const byName = (a: ProfessionalSummary, b: ProfessionalSummary) =>
  a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr');

/** What the patient side of access needs. */
export interface PatientAccessDeps {
  db: Kysely<Database>;
  clock: Clock;
  traces: TraceStore;
  patients: PatientsService;
  professionals: ProfessionalsService;
  /** The documents module's `addedBy`; without it (unit tests) the list is empty. */
  documentsAddedBy?: DocumentsAddedBy | undefined;
}

/** Lists, grants, blocks and emergency toggles of the signed-in titulaire. */
export function createPatientAccessService(deps: PatientAccessDeps) {
  const { db } = deps;

  /**
   * The selected record, when the acting person (titulaire or representative: the resolver of
   * sessions/acting-person.ts checked the relation on this request) is allowed `action`.
   */
  async function requireTitulaire(session: ActingPerson, action: Action, trx: Db = db) {
    const patient = await deps.patients.find(session.patientId, trx);
    if (!patient) throw notFound();
    const decision = decide(
      policyActorOf(session),
      { status: patient.status },
      action,
      { type: 'record' },
      { now: deps.clock.now().toISOString() },
    );
    if (!decision.allow) throw notFound();
    return patient;
  }

  async function requireProfessional(id: string, trx: Db = db): Promise<Professional> {
    const ps = await deps.professionals.find(id, trx);
    if (!ps) throw notFound();
    return ps;
  }

  async function list(patientId: string, trx: Db = db): Promise<AccessList> {
    const grants = await createAccessRepository(trx).listGrants(patientId);
    const directory = await deps.professionals.findMany(
      grants.map((g) => g.professional_id),
      trx,
    );
    const entries = grants.flatMap((g) => {
      const ps = directory.get(g.professional_id);
      if (!ps || g.status === 'none') return [];
      const entry: AccessEntry = {
        professional: toProfessionalSummary(ps),
        status: statusLabel[g.status],
        since: g.since,
      };
      return [entry];
    });
    const rank = (e: AccessEntry) => (e.status === 'administrateur' ? 0 : 1);
    return {
      authorized: entries
        .filter((e) => e.status !== 'bloque')
        .sort((a, b) => rank(a) - rank(b) || byName(a.professional, b.professional)),
      blocked: entries
        .filter((e) => e.status === 'bloque')
        .sort((a, b) => byName(a.professional, b.professional)),
    };
  }

  /** Runs one change in a transaction with its trace, then answers the new lists. */
  async function change(
    session: ActingPerson,
    psId: string,
    apply: (trx: Db, patientId: string, at: string) => Promise<{ action: string; n?: number }>,
  ): Promise<AccessList> {
    const patient = await requireTitulaire(session, 'access.manage');
    await db.transaction().execute(async (trx) => {
      await requireProfessional(psId, trx);
      const at = deps.clock.now().toISOString();
      const done = await apply(trx, patient.id, at);
      await deps.traces.append(trx, {
        patientId: patient.id,
        actor: traceActorOf(session),
        action: done.action,
        target: { type: 'professional', id: psId },
        ...(done.n === undefined ? {} : { details: { closedEmergencyAccesses: done.n } }),
      });
    });
    return list(patient.id);
  }

  return {
    /** "Autorisé(s)" (administrators first) and "Bloqué(s)". */
    async list(session: ActingPerson): Promise<AccessList> {
      const patient = await requireTitulaire(session, 'access.manage');
      return list(patient.id);
    },

    /** "Attribuer le statut administrateur": on an authorized professional only. */
    grantAdministrator(session: ActingPerson, psId: string) {
      return change(session, psId, async (trx, patientId, at) => {
        const repo = createAccessRepository(trx);
        const ok = await repo.transition({
          patientId,
          professionalId: psId,
          from: ['authorized'],
          to: 'administrator',
          at,
        });
        if (!ok) throw accessErrors.notAuthorized();
        return { action: 'access.administrator_grant' };
      });
    },

    /** "Retirer le statut administrateur": back to authorized. */
    revokeAdministrator(session: ActingPerson, psId: string) {
      return change(session, psId, async (trx, patientId, at) => {
        const ok = await createAccessRepository(trx).transition({
          patientId,
          professionalId: psId,
          from: ['administrator'],
          to: 'authorized',
          at,
        });
        if (!ok) throw accessErrors.notAdministrator();
        return { action: 'access.administrator_revoke' };
      });
    },

    /** "Bloquer l'accès": from any state; the professional's open emergency accesses end now. */
    block(session: ActingPerson, psId: string) {
      return change(session, psId, async (trx, patientId, at) => {
        const repo = createAccessRepository(trx);
        await repo.block(patientId, psId, at);
        return { action: 'access.block', n: await repo.closeWindows(patientId, psId, at) };
      });
    },

    /** "Débloquer": the grant becomes none, not authorized (a new consent is needed). */
    unblock(session: ActingPerson, psId: string) {
      return change(session, psId, async (trx, patientId, at) => {
        const ok = await createAccessRepository(trx).transition({
          patientId,
          professionalId: psId,
          from: ['blocked'],
          to: 'none',
          at,
        });
        if (!ok) throw accessErrors.notBlocked();
        return { action: 'access.unblock' };
      });
    },

    /** Directory search, to block a professional who never accessed the record. */
    async searchDirectory(session: ActingPerson, q: string): Promise<ProfessionalSummary[]> {
      await requireTitulaire(session, 'access.manage');
      return (await deps.professionals.search(q, 20)).map(toProfessionalSummary);
    },

    /** The page about one professional: coordinates, documents it added, its traces here. */
    async detail(session: ActingPerson, psId: string): Promise<ProfessionalDetail> {
      const patient = await requireTitulaire(session, 'access.manage');
      const ps = await requireProfessional(psId);
      const repo = createAccessRepository(db);
      const [grant, medecinTraitant, traces, documents] = await Promise.all([
        repo.findGrant(patient.id, ps.id),
        repo.findMedecinTraitant(patient.id),
        repo.listTracesOfProfessional(patient.id, ps.id, 100),
        deps.documentsAddedBy ? deps.documentsAddedBy(patient.id, ps.id) : Promise.resolve([]),
      ]);
      const status = grant && grant.status !== 'none' ? statusLabel[grant.status] : 'aucun';
      return {
        professional: toProfessionalSummary(ps),
        isRegulator: ps.is_regulator === 1,
        contact: { email: ps.email },
        status,
        since: status === 'aucun' ? null : (grant?.since ?? null),
        isMedecinTraitant: medecinTraitant === ps.id,
        documents,
        traces: traces.map((t) => ({
          id: t.id,
          at: t.at,
          action: t.action,
          mode: t.mode,
          outcome: t.outcome,
        })),
      };
    },

    /** Operator: declares the médecin traitant of a record (PRODUCT.md "Médecin traitant"). */
    async declareMedecinTraitant(patientId: string, psId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await requireProfessional(psId, trx);
        if (!(await deps.patients.find(patientId, trx))) throw notFound();
        await createAccessRepository(trx).setMedecinTraitant(
          patientId,
          psId,
          deps.clock.now().toISOString(),
        );
        await deps.traces.append(trx, {
          patientId,
          actor: { type: 'operator', id: null },
          action: 'access.medecin_traitant_declare',
          target: { type: 'professional', id: psId },
        });
      });
    },

    /** Demo data and imports: sets a grant as it stands at a given date (traced as the operator). */
    async importGrant(input: {
      patientId: string;
      professionalId: string;
      status: 'authorized' | 'administrator' | 'blocked';
      since: string;
    }): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await createAccessRepository(trx).setGrant({
          patient_id: input.patientId,
          professional_id: input.professionalId,
          status: input.status,
          since: input.since,
          updated_at: deps.clock.now().toISOString(),
        });
        await deps.traces.append(trx, {
          patientId: input.patientId,
          actor: { type: 'operator', id: null },
          action: 'access.grant_import',
          target: { type: 'professional', id: input.professionalId },
          details: { status: input.status },
        });
      });
    },

    /** The three emergency toggles (defaults: SAMU on, Autres on, Documents masqués off). */
    async emergencySettings(session: ActingPerson): Promise<EmergencySettings> {
      const patient = await requireTitulaire(session, 'emergency.settings');
      return emergencySettingsOf(
        await createAccessRepository(db).findEmergencySettings(patient.id),
      );
    },

    /**
     * Saves the toggles. "Documents masqués" needs SAMU or Autres: turning the last of them off
     * turns it off too; turning it on while both are off is refused.
     */
    async saveEmergencySettings(
      session: ActingPerson,
      input: EmergencySettings,
    ): Promise<EmergencySettings> {
      const patient = await requireTitulaire(session, 'emergency.settings');
      return db.transaction().execute(async (trx) => {
        const repo = createAccessRepository(trx);
        const before = emergencySettingsOf(await repo.findEmergencySettings(patient.id));
        let masked = input.masked;
        if (masked && !input.samu && !input.others) {
          if (!before.samu && !before.others) throw accessErrors.maskedNeedsMode();
          masked = false;
        }
        const kept = { samu: input.samu, others: input.others, masked };
        await repo.saveEmergencySettings({
          patient_id: patient.id,
          samu: kept.samu ? 1 : 0,
          others: kept.others ? 1 : 0,
          masked: kept.masked ? 1 : 0,
          updated_at: deps.clock.now().toISOString(),
        });
        await deps.traces.append(trx, {
          patientId: patient.id,
          actor: traceActorOf(session),
          action: 'access.emergency_settings',
          details: kept,
        });
        return kept;
      });
    },
  };
}

/** The patient side of access. */
export type PatientAccessService = ReturnType<typeof createPatientAccessService>;
