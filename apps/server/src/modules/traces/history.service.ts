/**
 * Historique d'activité (PRODUCT.md): the traces of a record in plain French, by tab and period,
 * newest first, in pages of 100 read by keyset; the export of a selection; professionals' reads of
 * traces under ACCESS.md. Reading is not an action on the record for the titulaire; a professional's
 * read and every export are traced.
 */
import type { HistoryEntry, HistoryFilter, HistoryPage, HistoryQuery } from '@carnet/shared';
import { HISTORY_PAGE_SIZE, professions } from '@carnet/shared';
import type { Kysely } from 'kysely';
import type { TraceInput, TraceStore } from '../../platform/audit/trace-store.ts';
import type { Database, ProfessionalsTable } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/http/app-error.ts';
import type { PatientsService } from '../patients/patients.service.ts';
import { actionLabel, emergencyOpenActions, targetLabel } from './history.labels.ts';
import type { TraceReadFacts, TraceScope } from './history.policy.ts';
import { decideTraceRead } from './history.policy.ts';
import type { HistoryKey, HistoryRow, HistorySelection } from './history.repository.ts';
import { createHistoryRepository } from './history.repository.ts';
import { decodeCursor, encodeCursor, selectionOf } from './history.selection.ts';

/** A professional as a history line names them. */
export type DirectoryEntry = Pick<
  ProfessionalsTable,
  'id' | 'rpps' | 'first_name' | 'last_name' | 'profession'
>;

/** Port: the professionals directory by ids (the professionals service's `findMany`). */
export interface ProfessionalDirectory {
  findMany(ids: readonly string[]): Promise<Map<string, DirectoryEntry>>;
}

/** Port: titles of a record's documents, as the titulaire may see them (documents service). */
export interface DocumentTitles {
  titlesOf(
    patientId: string,
    documentIds: string[],
    forLegalRepresentative?: boolean,
  ): Promise<Map<string, string>>;
}

/** Dependencies of the history. */
export interface HistoryDeps {
  db: Kysely<Database>;
  traces: TraceStore;
  patients: Pick<PatientsService, 'find'>;
  professionals: ProfessionalDirectory;
  /** Absent until the documents module provides it: lines then say "Un document". */
  documentTitles?: DocumentTitles | undefined;
}

const EXPORT_BATCH = 500;

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const professionLabel = (code: string): string =>
  (professions as Record<string, string>)[code] ?? code;

/** The history service. */
export function createHistoryService(deps: HistoryDeps) {
  /** Turns rows into lines, looking names and titles up once per page. */
  async function toEntries(
    patientId: string,
    rows: HistoryRow[],
    options: { titles: boolean; legalRepresentative?: boolean },
  ): Promise<HistoryEntry[]> {
    const proIds = new Set<string>();
    const docIds = new Set<string>();
    for (const row of rows) {
      if (row.actor_type === 'professional' && row.actor_id) proIds.add(row.actor_id);
      if (row.target_type === 'professional' && row.target_id) proIds.add(row.target_id);
      if (row.target_type === 'document' && row.target_id) docIds.add(row.target_id);
    }
    const directory = proIds.size
      ? await deps.professionals.findMany([...proIds])
      : new Map<string, DirectoryEntry>();
    const titles =
      options.titles && docIds.size && deps.documentTitles
        ? await deps.documentTitles.titlesOf(
            patientId,
            [...docIds],
            options.legalRepresentative ?? false,
          )
        : new Map<string, string>();
    const needsPatient = rows.some((r) => r.actor_type === 'patient' || isProche(r.actor_type));
    const patient = needsPatient ? await deps.patients.find(patientId) : undefined;
    // Representatives and aidants are people with a record of their own: name them.
    const proches = new Map<string, { first_name: string; last_name: string }>();
    for (const id of new Set(
      rows.filter((r) => isProche(r.actor_type) && r.actor_id).map((r) => r.actor_id!),
    )) {
      const person = await deps.patients.find(id);
      if (person) proches.set(id, person);
    }

    return rows.map((row) => {
      const details = parseDetails(row.details);
      const pro = row.actor_id ? directory.get(row.actor_id) : undefined;
      const targetPro = row.target_id ? directory.get(row.target_id) : undefined;
      const reason = emergencyReason(row, details);
      const actor = actorOf(
        row,
        pro,
        patient,
        row.actor_id ? proches.get(row.actor_id) : undefined,
      );
      return {
        id: row.id,
        at: row.at,
        actor,
        action: row.action,
        label: actionLabel({
          action: row.action,
          outcome: row.outcome,
          details,
          actorName: actor.name,
        }),
        target: targetLabel({
          type: row.target_type,
          id: row.target_id,
          name:
            row.target_type === 'document'
              ? titles.get(row.target_id ?? '')
              : targetPro && `${targetPro.last_name} ${targetPro.first_name}`,
        }),
        mode: row.mode,
        reason,
        outcome: row.outcome,
      };
    });
  }

  async function page(
    selection: HistorySelection,
    cursor: string | undefined,
    options: { titles: boolean; legalRepresentative?: boolean },
  ): Promise<HistoryPage> {
    const after = cursor ? decodeCursor(cursor) : undefined;
    const rows = await createHistoryRepository(deps.db).page(
      selection,
      after,
      HISTORY_PAGE_SIZE + 1,
    );
    const shown = rows.slice(0, HISTORY_PAGE_SIZE);
    const last = shown.at(-1);
    return {
      entries: await toEntries(selection.patientId, shown, options),
      nextCursor:
        rows.length > HISTORY_PAGE_SIZE && last
          ? encodeCursor({ at: last.at, seq: Number(last.seq) })
          : null,
    };
  }

  return {
    /**
     * A page of the record's history: one tab, one period, after the cursor. A legal
     * representative reads no title of a document invisible to representatives.
     */
    listForPatient(
      patientId: string,
      query: HistoryQuery,
      viewer: { legalRepresentative?: boolean } = {},
    ): Promise<HistoryPage> {
      return page(selectionOf(patientId, query), query.cursor, { titles: true, ...viewer });
    },

    /** Every line of a selection, newest first, in batches (for the exports). */
    async *exportEntries(
      patientId: string,
      filter: HistoryFilter,
      viewer: { legalRepresentative?: boolean } = {},
    ): AsyncGenerator<HistoryEntry[]> {
      const selection = selectionOf(patientId, filter);
      const repository = createHistoryRepository(deps.db);
      let after: HistoryKey | undefined;
      for (;;) {
        const rows = await repository.page(selection, after, EXPORT_BATCH);
        if (rows.length === 0) return;
        yield await toEntries(patientId, rows, { titles: true, ...viewer });
        if (rows.length < EXPORT_BATCH) return;
        const last = rows.at(-1)!;
        after = { at: last.at, seq: Number(last.seq) };
      }
    },

    /** Traces the export of a selection (`history.export`), before it leaves. */
    async recordExport(
      patientId: string,
      input: { format: 'csv' | 'pdf'; filter: HistoryFilter; actor?: TraceInput['actor'] },
    ): Promise<void> {
      await deps.traces.append(deps.db, {
        patientId,
        actor: input.actor ?? { type: 'patient', id: patientId },
        action: 'history.export',
        target: { type: 'rubrique', id: 'historique' },
        details: {
          format: input.format,
          tab: input.filter.tab,
          from: input.filter.from ?? null,
          to: input.filter.to ?? null,
        },
      });
    },

    /** The titulaire's display name, for the export's heading. */
    async patientName(patientId: string): Promise<string> {
      const patient = await deps.patients.find(patientId);
      return patient ? `${patient.first_name} ${patient.last_name}` : '';
    },

    /**
     * A professional reads traces of a record (ACCESS.md): `record` = every professional's access,
     * médecin traitant only; `own` = its own actions. The decision is traced, allowed or denied; a
     * denial answers 404 like a missing record. Documents are never named (a title may be masked).
     */
    async listTracesForProfessional(input: {
      professionalId: string;
      patientId: string;
      scope: TraceScope;
      grant: TraceReadFacts['grant'];
      isMedecinTraitant: boolean;
      query: Omit<HistoryQuery, 'tab'>;
    }): Promise<HistoryPage> {
      const patient = await deps.patients.find(input.patientId);
      const decision = decideTraceRead({
        scope: input.scope,
        recordStatus: patient?.status ?? 'missing',
        grant: input.grant,
        isMedecinTraitant: input.isMedecinTraitant,
      });
      const traceDecision = (id: string) =>
        deps.traces.append(deps.db, {
          patientId: id,
          actor: { type: 'professional', id: input.professionalId },
          action: 'history.read',
          target: { type: 'rubrique', id: 'historique' },
          outcome: decision.allow ? 'success' : 'denied',
          details: { scope: input.scope, reason: decision.reason },
        });
      if (!decision.allow || !patient) {
        if (patient) await traceDecision(patient.id);
        throw notFound();
      }
      const selection = selectionOf(patient.id, { ...input.query, tab: 'professionnels' });
      if (input.scope === 'own') selection.actorId = input.professionalId;
      // Read first, then trace: the page shows the record as it was before this read.
      const result = await page(selection, input.query.cursor, { titles: false });
      await traceDecision(patient.id);
      return result;
    },
  };
}

/**
 * The reason written by the PS who opened an emergency access (`motif`, or `reason` on an allowed
 * trace; on a denied one `reason` is the denial code, never shown as a motif).
 */
function emergencyReason(row: HistoryRow, details: Record<string, unknown>): string | null {
  if (row.mode !== 'urgence' && !emergencyOpenActions.has(row.action)) return null;
  if (typeof details.motif === 'string') return details.motif;
  if (row.outcome === 'success' && typeof details.reason === 'string') return details.reason;
  return null;
}

const isProche = (type: string) => type === 'legal-representative' || type === 'aidant';

function actorOf(
  row: HistoryRow,
  pro: DirectoryEntry | undefined,
  patient: { first_name: string; last_name: string } | undefined,
  proche?: { first_name: string; last_name: string },
): HistoryEntry['actor'] {
  const onBehalf = patient ? ` pour le compte de ${patient.first_name} ${patient.last_name}` : '';
  switch (row.actor_type) {
    case 'professional':
      return {
        type: 'professional',
        name: pro ? `${pro.last_name} ${pro.first_name}` : 'Professionnel de santé',
        profession: pro ? professionLabel(pro.profession) : null,
        rpps: pro?.rpps ?? null,
      };
    case 'patient':
      return {
        type: 'patient',
        name: patient ? `${patient.first_name} ${patient.last_name}` : 'Titulaire du profil',
        profession: null,
        rpps: null,
      };
    case 'legal-representative':
      return {
        type: 'legal-representative',
        name: proche
          ? `${proche.first_name} ${proche.last_name}, représentant légal${onBehalf}`
          : 'Représentant légal',
        profession: null,
        rpps: null,
      };
    case 'aidant':
      return {
        type: 'aidant',
        name: proche ? `${proche.first_name} ${proche.last_name}, aidant${onBehalf}` : 'Aidant',
        profession: null,
        rpps: null,
      };
    case 'operator':
      return { type: 'operator', name: 'Opérateur Carnet', profession: null, rpps: null };
    case 'system':
      return { type: 'system', name: 'Carnet', profession: null, rpps: null };
    default:
      return { type: 'anonymous', name: 'Personne non identifiée', profession: null, rpps: null };
  }
}

/** The history service. */
export type HistoryService = ReturnType<typeof createHistoryService>;
