/**
 * The medical profile as the titulaire keeps it (PRODUCT.md "Profil médical", issue 11): every
 * rubrique, its entries, "Je ne suis pas concerné(e)", masking per rubrique and per entry, measure
 * targets. Each write asks the access policy, then writes its trace in the same transaction.
 */
import type {
  MeasureCode,
  MeasureTarget,
  MedicalProfile,
  ProfileEntry,
  ProfileEntryData,
  ProfileRubrique,
} from '@carnet/shared';
import { profileRubriqueCodes, profileRubriques } from '@carnet/shared';
import type { Db } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { decide } from '../access/access.policy.ts';
import type { ActingPerson } from '../sessions/acting-person.ts';
import { traceActorOf } from '../sessions/acting-person.ts';
import { bmiOf, toProfileEntryDto } from './profile.dto.ts';
import type { ProfileDeps } from './profile.deps.ts';
import { profileErrors } from './profile.errors.ts';
import { createProfileRepository } from './profile.repository.ts';
import { checkTarget } from './profile.rules.ts';
import { checkEntryInput, insertEntry, replaceEntry } from './profile-writes.ts';

/** Creates the patient's profile service. */
export function createProfileService(deps: ProfileDeps) {
  const { db, clock, traces } = deps;

  /** The trace actor: the acting person (issue 13), or the titulaire when none is given. */
  const actorOf = (patientId: string, by?: ActingPerson) =>
    by ? traceActorOf(by) : ({ type: 'patient', id: patientId } as const);

  /** The record, if the acting person may act on it (ACCESS.md "Patient side"); 404 otherwise. */
  async function requireRecord(
    on: Db,
    patientId: string,
    action: 'data.read' | 'data.write',
    by?: ActingPerson,
  ) {
    const record = await deps.patients.find(patientId, on);
    if (!record) throw notFound();
    const decision = decide(
      { kind: 'person', role: by?.role ?? 'titulaire' },
      { status: record.status },
      action,
      { type: 'record' },
      { now: clock.now().toISOString() },
    );
    if (!decision.allow) throw notFound();
    return record;
  }

  async function trace(
    on: Db,
    patientId: string,
    action: string,
    rubrique: string,
    details: Record<string, string | number | boolean | null> = {},
    by?: ActingPerson,
  ) {
    await traces.append(on, {
      patientId,
      actor: actorOf(patientId, by),
      action,
      target: { type: 'rubrique', id: rubrique },
      details: { rubrique, ...details },
    });
  }

  async function findOwn(on: Db, patientId: string, id: string) {
    const row = await createProfileRepository(on).findEntry(patientId, id);
    if (!row) throw notFound();
    return row;
  }

  /**
   * Runs a write on one entry; an id this record does not hold (another patient's, or none)
   * answers 404 and the denial is traced on the record, outside the rolled-back transaction.
   */
  async function onEntry<T>(
    patientId: string,
    id: string,
    action: string,
    write: () => Promise<T>,
    by?: ActingPerson,
  ): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof AppError && error.status === 404)
        await traces.append(db, {
          patientId,
          actor: actorOf(patientId, by),
          action,
          outcome: 'denied',
          details: { reason: 'not_found', entry: id.slice(0, 64) },
        });
      throw error;
    }
  }

  return {
    /** Every rubrique with its switches and entries, the targets and the IMC. */
    async get(patientId: string, by?: ActingPerson): Promise<MedicalProfile> {
      await requireRecord(db, patientId, 'data.read', by);
      const repo = createProfileRepository(db);
      const [entries, switches, targets, weight, height, maskNewByDefault] = await Promise.all([
        repo.listEntries(patientId),
        repo.listRubriques(patientId),
        repo.listTargets(patientId),
        repo.latestMeasure(patientId, 'poids'),
        repo.latestMeasure(patientId, 'taille'),
        deps.documents.maskNewByDefault(patientId),
      ]);
      return {
        rubriques: profileRubriqueCodes.map((code) => {
          const s = switches.find((r) => r.rubrique === code);
          return {
            code,
            label: profileRubriques[code],
            notConcerned: s?.not_concerned === 1,
            masked: s?.masked === 1,
            entries: entries.filter((e) => e.rubrique === code).map((e) => toProfileEntryDto(e)),
          };
        }),
        targets: Object.fromEntries(
          targets.map((t) => [t.measure, { min: t.min_value, max: t.max_value }]),
        ),
        bmi: bmiOf(weight, height),
        maskNewByDefault,
      };
    },

    /** Adds an entry; `masked` absent takes "masquer par défaut". Traced `profile.add`. */
    async add(
      patientId: string,
      input: { entry: ProfileEntryData; masked?: boolean | undefined },
      by?: ActingPerson,
    ): Promise<ProfileEntry> {
      checkEntryInput(input.entry, clock.now());
      const masked = input.masked ?? (await deps.documents.maskNewByDefault(patientId));
      const row = await db.transaction().execute(async (trx) => {
        const record = await requireRecord(trx, patientId, 'data.write', by);
        const inserted = await insertEntry(deps, trx, {
          patientId,
          birthDate: record.birth_date,
          author: { type: 'patient', id: patientId },
          entry: input.entry,
          masked,
        });
        await trace(trx, patientId, 'profile.add', inserted.rubrique, { entry: inserted.id }, by);
        return inserted;
      });
      deps.jobs.notify();
      return toProfileEntryDto(row);
    },

    /** Replaces an entry's content (the type stays). Traced `profile.update`. */
    async update(
      patientId: string,
      id: string,
      input: { entry: ProfileEntryData; masked?: boolean | undefined },
      by?: ActingPerson,
    ): Promise<ProfileEntry> {
      checkEntryInput(input.entry, clock.now());
      const row = await onEntry(
        patientId,
        id,
        'profile.update',
        () =>
          db.transaction().execute(async (trx) => {
            const record = await requireRecord(trx, patientId, 'data.write', by);
            const current = await findOwn(trx, patientId, id);
            // As for documents (PRODUCT.md "Edit"): what a PS added is only masked, never changed.
            if (current.author_type === 'professional') throw profileErrors.addedByProfessional();
            const next = await replaceEntry(deps, trx, {
              row: current,
              birthDate: record.birth_date,
              entry: input.entry,
              masked: input.masked ?? current.masked === 1,
            });
            await trace(trx, patientId, 'profile.update', next.rubrique, { entry: id }, by);
            return next;
          }),
        by,
      );
      deps.jobs.notify();
      return toProfileEntryDto(row);
    },

    /** Masks or unmasks one entry to professionals. Traced `profile.mask` / `profile.unmask`. */
    async mask(
      patientId: string,
      id: string,
      masked: boolean,
      by?: ActingPerson,
    ): Promise<ProfileEntry> {
      return onEntry(
        patientId,
        id,
        masked ? 'profile.mask' : 'profile.unmask',
        () =>
          db.transaction().execute(async (trx) => {
            await requireRecord(trx, patientId, 'data.write', by);
            const row = await findOwn(trx, patientId, id);
            const updatedAt = clock.now().toISOString();
            await createProfileRepository(trx).updateEntry(patientId, id, {
              masked: masked ? 1 : 0,
              updated_at: updatedAt,
            });
            await trace(
              trx,
              patientId,
              masked ? 'profile.mask' : 'profile.unmask',
              row.rubrique,
              { entry: id },
              by,
            );
            return toProfileEntryDto({ ...row, masked: masked ? 1 : 0, updated_at: updatedAt });
          }),
        by,
      );
    },

    /** Deletes an entry for good (its pending reminder then sends nothing). Traced. */
    async remove(patientId: string, id: string, by?: ActingPerson): Promise<void> {
      await onEntry(
        patientId,
        id,
        'profile.delete',
        () =>
          db.transaction().execute(async (trx) => {
            await requireRecord(trx, patientId, 'data.write', by);
            const row = await findOwn(trx, patientId, id);
            if (row.author_type === 'professional') throw profileErrors.addedByProfessional();
            await createProfileRepository(trx).deleteEntry(patientId, id);
            await trace(trx, patientId, 'profile.delete', row.rubrique, { entry: id }, by);
          }),
        by,
      );
    },

    /** "Je ne suis pas concerné(e)" and masking of a whole rubrique. Traced. */
    async setRubrique(
      patientId: string,
      rubrique: ProfileRubrique,
      input: { notConcerned?: boolean | undefined; masked?: boolean | undefined },
      by?: ActingPerson,
    ): Promise<{ notConcerned: boolean; masked: boolean }> {
      return db.transaction().execute(async (trx) => {
        await requireRecord(trx, patientId, 'data.write', by);
        const repo = createProfileRepository(trx);
        const current = await repo.findRubrique(patientId, rubrique);
        const next = {
          notConcerned: input.notConcerned ?? current?.not_concerned === 1,
          masked: input.masked ?? current?.masked === 1,
        };
        if (next.notConcerned && current?.not_concerned !== 1) {
          const entries = await repo.listEntries(patientId, rubrique);
          if (entries.length > 0) throw profileErrors.notConcernedWithEntries();
        }
        await repo.saveRubrique({
          patient_id: patientId,
          rubrique,
          not_concerned: next.notConcerned ? 1 : 0,
          masked: next.masked ? 1 : 0,
          updated_at: clock.now().toISOString(),
        });
        await trace(trx, patientId, 'profile.rubrique_settings', rubrique, next, by);
        return next;
      });
    },

    /** A measure's optional target range. Traced. */
    async setTarget(
      patientId: string,
      measure: MeasureCode,
      target: MeasureTarget,
      by?: ActingPerson,
    ): Promise<MeasureTarget> {
      checkTarget(measure, target);
      await db.transaction().execute(async (trx) => {
        await requireRecord(trx, patientId, 'data.write', by);
        await createProfileRepository(trx).saveTarget({
          patient_id: patientId,
          measure,
          min_value: target.min,
          max_value: target.max,
          updated_at: clock.now().toISOString(),
        });
        await trace(trx, patientId, 'profile.target_set', 'mesures', { measure }, by);
      });
      return target;
    },
  };
}

/** The patient's profile service. */
export type ProfileService = ReturnType<typeof createProfileService>;
