/**
 * A professional's actions on a record (ACCESS.md "Professional side"): find a record, record the
 * patient's consent, read the record header, open an emergency access, block another professional.
 * Each goes through the gate (facts read now, decision traced); a denial answers 404 like a
 * missing record.
 */
import type {
  EmergencyMode,
  PatientSearchResult,
  ProAccess,
  ProPatientRecord,
} from '@carnet/shared';
import type { Kysely } from 'kysely';
import type { TraceStore } from '../../platform/audit/trace-store.ts';
import type { Clock } from '../../platform/clock.ts';
import { isoPlus } from '../../platform/clock.ts';
import type { Database, Db } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/http/app-error.ts';
import type { Patient, PatientsService } from '../patients/patients.service.ts';
import type { Professional, ProfessionalsService } from '../professionals/professionals.service.ts';
import type { AccessGate } from './access-gate.service.ts';
import { professionalActorOf } from './access-gate.service.ts';
import type { ProfessionalActor, ProfessionalContext } from './access.policy.ts';
import { isWindowOpen, rubriqueAccess } from './access.policy.ts';
import { createAccessRepository } from './access.repository.ts';

const grantLabel = {
  none: 'aucun',
  authorized: 'autorise',
  administrator: 'administrateur',
} as const;

/** The professional's own access to a record, as the professional space shows it. */
export function toProAccess(
  actor: ProfessionalActor,
  record: Pick<Patient, 'status'>,
  context: ProfessionalContext,
  since: string | null,
): ProAccess {
  const read = rubriqueAccess(actor, record, context);
  const grant = context.grant === 'blocked' ? 'none' : context.grant;
  const window = context.window;
  return {
    grant: grantLabel[grant],
    since: grant === 'none' ? null : since,
    readMode: read.allow ? read.mode : null,
    emergency:
      read.allow && read.mode === 'urgence' && window && isWindowOpen(window, context.now)
        ? { mode: window.mode, until: window.until }
        : null,
    isMedecinTraitant: context.isMedecinTraitant,
  };
}

/** The professional side of access. */
export function createProfessionalAccessService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  newId: (prefix: string) => string;
  traces: TraceStore;
  patients: PatientsService;
  professionals: ProfessionalsService;
  gate: AccessGate;
  emergencyWindowMs: number;
  /**
   * Port to the notifications module's `emergencyAccess`: the ONE path of the emergency e-mails
   * (one to the patient, one to the médecin traitant), queued in the window's transaction.
   */
  notifyEmergency: (
    trx: Db,
    input: {
      patientId: string;
      professionalId: string;
      mode: EmergencyMode;
      medecinTraitantId: string | null;
    },
  ) => Promise<unknown>;
  /** Port to `professionalAccessed`: an allowed read of the record (at most one mail a day). */
  notifyAccess: (trx: Db, input: { patientId: string; professionalId: string }) => Promise<unknown>;
}) {
  const { db, gate } = deps;

  /** The access state after an action, read back in the same transaction. */
  async function accessNow(trx: Db, ps: Professional, record: Patient) {
    const context = await gate.loadContext(trx, ps, record.id);
    const grant = await createAccessRepository(trx).findGrant(record.id, ps.id);
    return toProAccess(professionalActorOf(ps), record, context, grant?.since ?? null);
  }

  /** Decides `consent.record` on a candidate record (traced `record.search`); 404 when denied. */
  async function lookUp(ps: Professional, candidate: Patient | undefined) {
    const found = await db.transaction().execute(async (trx) => {
      const result = await gate.check(trx, {
        professional: ps,
        patientId: candidate ? candidate.id : null,
        action: 'consent.record',
        resource: { type: 'record' },
        trace: { action: 'record.search' },
      });
      if (!result.allow) return undefined;
      return { record: result.record, access: await accessNow(trx, ps, result.record) };
    });
    if (!found) throw notFound();
    return found;
  }

  return {
    /**
     * Finds a record by INS + birth date. Answers only the name and this professional's access;
     * a record it may not even ask consent for (blocked, not active) answers like no record.
     */
    async findPatient(
      ps: Professional,
      input: { ins: string; birthDate: string },
    ): Promise<PatientSearchResult> {
      const candidate = await deps.patients.findByIns(input.ins);
      // An unknown INS or a wrong birth date goes through the same path as a missing record.
      const found = await lookUp(
        ps,
        candidate?.birth_date === input.birthDate ? candidate : undefined,
      );
      return {
        patientId: found.record.id,
        firstName: found.record.first_name,
        lastName: found.record.last_name,
        birthDate: found.record.birth_date,
        access: found.access,
      };
    },

    /**
     * Software's lookups (FHIR `Patient?identifier=` and `Patient/<id>`): the record by INS or by
     * id, decided and traced exactly as `findPatient` (a record it may not even ask consent for
     * answers 404 like no record). Returns the record and this professional's access.
     */
    async findPatientBy(
      ps: Professional,
      key: { ins: string } | { id: string },
    ): Promise<{ record: Patient; access: ProAccess }> {
      const candidate =
        'ins' in key ? await deps.patients.findByIns(key.ins) : await deps.patients.find(key.id);
      return lookUp(ps, candidate);
    },

    /** The record header and the professional's current mode (normal / urgence until …). */
    async record(ps: Professional, patientId: string): Promise<ProPatientRecord> {
      const found = await db.transaction().execute(async (trx) => {
        const result = await gate.check(trx, {
          professional: ps,
          patientId,
          action: 'rubrique.read',
          resource: { type: 'record' },
          trace: { action: 'record.read' },
        });
        if (!result.allow) return undefined;
        await deps.notifyAccess(trx, { patientId: result.record.id, professionalId: ps.id });
        return { record: result.record, access: await accessNow(trx, ps, result.record) };
      });
      if (!found) throw notFound();
      return {
        patient: {
          id: found.record.id,
          firstName: found.record.first_name,
          lastName: found.record.last_name,
          birthDate: found.record.birth_date,
        },
        access: found.access,
        rubriques: ['documents', 'vaccinations', 'historique-de-soins', 'entourage-et-volontes'],
      };
    },

    /** "Le patient m'autorise à accéder à son dossier": authorized (an administrator stays one). */
    async recordConsent(ps: Professional, patientId: string): Promise<ProAccess> {
      const access = await db.transaction().execute(async (trx) => {
        const result = await gate.check(trx, {
          professional: ps,
          patientId,
          action: 'consent.record',
          resource: { type: 'record' },
          trace: { action: 'access.consent' },
        });
        if (!result.allow) return undefined;
        await createAccessRepository(trx).consent(
          result.record.id,
          ps.id,
          deps.clock.now().toISOString(),
        );
        return accessNow(trx, ps, result.record);
      });
      if (!access) throw notFound();
      return access;
    },

    /**
     * Opens an emergency access (mode samu for a régulateur, else bris de glace) for the configured
     * time; the patient and the médecin traitant are e-mailed at once, without health data.
     */
    async openEmergency(
      ps: Professional,
      patientId: string,
      input: { mode: EmergencyMode; reason: string },
    ): Promise<ProAccess> {
      const access = await db.transaction().execute(async (trx) => {
        const result = await gate.check(trx, {
          professional: ps,
          patientId,
          action: 'emergency.open',
          resource: { type: 'emergency', mode: input.mode, reason: input.reason },
          trace: {
            action: 'access.emergency_open',
            details: { emergencyMode: input.mode, motif: input.reason },
          },
        });
        if (!result.allow) return undefined;
        const now = deps.clock.now();
        const openedAt = now.toISOString();
        await createAccessRepository(trx).insertWindow({
          id: deps.newId('emw'),
          patient_id: result.record.id,
          professional_id: ps.id,
          mode: input.mode,
          reason: input.reason,
          opened_at: openedAt,
          until: isoPlus(now, deps.emergencyWindowMs),
          closed_at: null,
        });
        const medecinTraitantId =
          (await createAccessRepository(trx).findMedecinTraitant(result.record.id)) ?? null;
        await deps.notifyEmergency(trx, {
          patientId: result.record.id,
          professionalId: ps.id,
          mode: input.mode,
          medecinTraitantId,
        });
        return accessNow(trx, ps, result.record);
      });
      if (!access) throw notFound();
      return access;
    },

    /**
     * The facts a read of the record's traces is decided on (history.policy): the grant and whether
     * this PS is the médecin traitant, read now (no cache).
     */
    async traceReadFacts(
      ps: Professional,
      patientId: string,
    ): Promise<{ grant: ProfessionalContext['grant']; isMedecinTraitant: boolean }> {
      const context = await gate.loadContext(db, ps, patientId);
      return { grant: context.grant, isMedecinTraitant: context.isMedecinTraitant };
    },

    /** An administrator blocks another professional on this record (its emergency accesses end). */
    async blockOther(ps: Professional, patientId: string, targetId: string): Promise<void> {
      const target = await deps.professionals.find(targetId);
      const done = await db.transaction().execute(async (trx) => {
        const result = await gate.check(trx, {
          professional: ps,
          patientId,
          action: 'professional.block',
          // An unknown target is denied like a forbidden one.
          resource: { type: 'professional', id: target ? target.id : ps.id },
          trace: { action: 'access.block', target: { type: 'professional', id: targetId } },
        });
        if (!result.allow || !target) return false;
        const at = deps.clock.now().toISOString();
        const repo = createAccessRepository(trx);
        await repo.block(result.record.id, target.id, at);
        await repo.closeWindows(result.record.id, target.id, at);
        return true;
      });
      if (!done) throw notFound();
    },
  };
}

/** The professional side of access. */
export type ProfessionalAccessService = ReturnType<typeof createProfessionalAccessService>;
