/**
 * The gate every professional's action on a record goes through (ACCESS.md): load the facts from
 * the database (no cache: a block committed by any server instance counts at the next request),
 * ask the pure policy, trace the decision — allowed or denied — in the caller's transaction.
 * Callers answer a denial exactly like a missing record (`notFound()`).
 */
import { documentCategories } from '@carnet/shared';
import type { TraceInput, TraceStore } from '../../platform/audit/trace-store.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/schema.ts';
import type { EmergencySettingsTable } from '../../platform/db/schema-access.ts';
import type { Patient, PatientsService } from '../patients/patients.service.ts';
import type { Professional } from '../professionals/professionals.service.ts';
import { createAccessRepository } from './access.repository.ts';
import { decide, documentScopeForProfessional } from './access.policy.ts';
import type {
  Action,
  Decision,
  EmergencySettings,
  ProfessionalActor,
  ProfessionalContext,
  Resource,
} from './access.policy.ts';
import type { HabilitationMatrixService } from './habilitation-matrix.service.ts';

/** Defaults for a record that never changed them (PRODUCT.md "Emergency access"). */
export const DEFAULT_EMERGENCY_SETTINGS: EmergencySettings = {
  samu: true,
  others: true,
  masked: false,
};

/** The toggles stored for a record, or the defaults. */
export function emergencySettingsOf(
  row: Pick<EmergencySettingsTable, 'samu' | 'others' | 'masked'> | undefined,
): EmergencySettings {
  if (!row) return { ...DEFAULT_EMERGENCY_SETTINGS };
  return { samu: row.samu === 1, others: row.others === 1, masked: row.masked === 1 };
}

/** The policy's view of a directory entry. */
export const professionalActorOf = (ps: Professional): ProfessionalActor => ({
  kind: 'professional',
  id: ps.id,
  profession: ps.profession,
  isRegulator: ps.is_regulator === 1,
});

/** What the caller traces about the action. */
export interface GateTrace {
  /** `<domain>.<verb>`, e.g. `record.read`, `access.consent`, `document.read`. */
  action: string;
  target?: { type: string; id: string };
  details?: Record<string, string | number | boolean | null>;
}

/** An allowed action with the facts it was decided on. */
export interface GateAllowed {
  allow: true;
  decision: Decision;
  record: Patient;
  actor: ProfessionalActor;
  context: ProfessionalContext;
}

/** A denied action (or a missing record): answer 404. */
export interface GateDenied {
  allow: false;
  decision: Decision | undefined;
}

/**
 * Which documents an allowed reader sees (ACCESS.md "which documents"), from the very facts and
 * mode the gate decided on: its own, the categories its profession may read, masked ones only as
 * administrator, in urgence with "Documents masqués", or as médecin traitant when allowed.
 */
export function documentScopeOf(allowed: Pick<GateAllowed, 'actor' | 'context' | 'decision'>) {
  return documentScopeForProfessional({
    ...allowed.context,
    professional: allowed.actor,
    mode: allowed.decision.mode,
    categories: Object.keys(documentCategories),
  });
}

/** What the gate decides on: the professional, the record, the action and what it traces. */
export interface GateInput {
  professional: Professional;
  /** null: no record matched (a search); traced and denied like a missing record. */
  patientId: string | null;
  action: Action;
  resource: Resource;
  trace: GateTrace;
}

/** Loads facts, decides and traces. */
export function createAccessGate(deps: {
  clock: Clock;
  traces: TraceStore;
  patients: PatientsService;
  matrix: HabilitationMatrixService;
  medecinTraitantSeesMasked: boolean;
}) {
  /** The facts about one professional on one record, read now from `db`. */
  async function loadContext(
    db: Db,
    ps: Professional,
    patientId: string,
  ): Promise<ProfessionalContext> {
    const repo = createAccessRepository(db);
    const now = deps.clock.now().toISOString();
    const { grant, settings, window, medecinTraitant, matrix } = await repo.findDecisionFacts(
      patientId,
      ps.id,
      now,
    );
    return {
      now,
      grant: grant ?? 'none',
      settings: emergencySettingsOf(settings),
      window: window ? { mode: window.mode, until: window.until } : null,
      isMedecinTraitant: medecinTraitant === ps.id,
      medecinTraitantSeesMasked: deps.medecinTraitantSeesMasked,
      matrix: deps.matrix.matrixOf(matrix),
    };
  }

  /** The decision on facts read now from `db`, and the trace that records it (not yet written). */
  async function decideWithTrace(
    db: Db,
    input: GateInput,
  ): Promise<{ result: GateAllowed | GateDenied; trace: TraceInput }> {
    const actor = professionalActorOf(input.professional);
    const patientId = input.patientId;
    const [record, context] = patientId
      ? await Promise.all([
          deps.patients.find(patientId, db),
          loadContext(db, input.professional, patientId),
        ])
      : [undefined, undefined];
    if (!record || !context) {
      return {
        result: { allow: false, decision: undefined },
        trace: {
          patientId: null,
          actor: { type: 'professional', id: actor.id },
          action: input.trace.action,
          target: patientId ? { type: 'patient', id: patientId } : undefined,
          outcome: 'denied',
          details: { reason: 'record_missing' },
        },
      };
    }
    const decision = decide(
      actor,
      { status: record.status },
      input.action,
      input.resource,
      context,
    );
    const trace: TraceInput = {
      patientId: record.id,
      actor: { type: 'professional', id: actor.id },
      action: input.trace.action,
      target: input.trace.target,
      mode: decision.mode,
      outcome: decision.allow ? 'success' : 'denied',
      details: { ...input.trace.details, ...(decision.allow ? {} : { reason: decision.reason }) },
    };
    if (!decision.allow) return { result: { allow: false, decision }, trace };
    return { result: { allow: true, decision, record, actor, context }, trace };
  }

  return {
    loadContext,

    /**
     * Decides `action` on `resource` for `ps` on record `patientId` and traces the decision in
     * `db` (pass the action's transaction). A missing record is traced on the platform chain, so
     * a missing and a forbidden record cost the same.
     */
    async check(db: Db, input: GateInput): Promise<GateAllowed | GateDenied> {
      const { result, trace } = await decideWithTrace(db, input);
      await deps.traces.append(db, trace);
      return result;
    },

    /**
     * Decides like `check` but leaves the trace to the caller, who writes it with
     * `traces.appendCommitted` once its read is done (group commit, PERFORMANCE.md B2) and
     * answers only after it: for reads, whose transaction writes nothing the trace must join.
     */
    decideForRead: decideWithTrace,
  };
}

/** The access gate. */
export type AccessGate = ReturnType<typeof createAccessGate>;
