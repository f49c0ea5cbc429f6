/** Writing one entry, shared by the patient's and the professional's services (same checks). */
import type { ProfileEntryData } from '@carnet/shared';
import { rubriqueOfEntryType } from '@carnet/shared';
import type { Db } from '../../platform/db/schema.ts';
import { dueDateOf } from './profile.dto.ts';
import type { ProfileDeps } from './profile.deps.ts';
import { profileErrors } from './profile.errors.ts';
import type { ProfileEntryRow } from './profile.repository.ts';
import { createProfileRepository } from './profile.repository.ts';
import { checkEntry, indexOf } from './profile.rules.ts';
import { scheduleVaccinationReminder } from './vaccination-reminders.job.ts';

/** Who writes an entry. */
export type EntryAuthor =
  { type: 'patient'; id: string } | { type: 'professional'; id: string; name: string };

/** Checks that do not need the database: dates, ranges, names. */
export function checkEntryInput(entry: ProfileEntryData, now: Date): void {
  checkEntry(entry, now);
}

/** Checks against the record: one personne de confiance, a directive is a DIR_ANT document. */
async function checkAgainstRecord(
  deps: Pick<ProfileDeps, 'documents'>,
  trx: Db,
  patientId: string,
  entry: ProfileEntryData,
  existingId: string | null,
) {
  if (entry.type === 'contact' && entry.kind === 'confiance') {
    const current = await createProfileRepository(trx).findTrustedPerson(patientId);
    if (current && current.id !== existingId) throw profileErrors.secondTrustedPerson();
  }
  if (entry.type === 'directives') {
    const category = await deps.documents.categoryOf(trx, patientId, entry.documentId);
    if (category !== 'DIR_ANT') throw profileErrors.directiveDocument();
  }
}

/** Inserts an entry in `trx` (the caller traces); schedules the reminder of a vaccination. */
export async function insertEntry(
  deps: Pick<ProfileDeps, 'clock' | 'newId' | 'jobs' | 'documents'>,
  trx: Db,
  input: {
    patientId: string;
    birthDate: string;
    author: EntryAuthor;
    entry: ProfileEntryData;
    masked: boolean;
  },
): Promise<ProfileEntryRow> {
  await checkAgainstRecord(deps, trx, input.patientId, input.entry, null);
  const at = deps.clock.now().toISOString();
  const index = indexOf(input.entry);
  const row: ProfileEntryRow = {
    id: deps.newId('pme'),
    patient_id: input.patientId,
    rubrique: rubriqueOfEntryType[input.entry.type],
    type: input.entry.type,
    kind: index.kind,
    entry_date: index.date,
    data: JSON.stringify(input.entry),
    masked: input.masked ? 1 : 0,
    author_type: input.author.type,
    author_id: input.author.id,
    author_name: input.author.type === 'professional' ? input.author.name : null,
    due_date: dueDateOf(input.entry, input.birthDate),
    created_at: at,
    updated_at: at,
  };
  await createProfileRepository(trx).insertEntry(row);
  if (row.due_date)
    await scheduleVaccinationReminder(deps, trx, {
      patientId: input.patientId,
      entryId: row.id,
      due: row.due_date,
    });
  return row;
}

/** Replaces an entry's content in `trx`; a new rappel date queues a new reminder. */
export async function replaceEntry(
  deps: Pick<ProfileDeps, 'clock' | 'jobs' | 'documents'>,
  trx: Db,
  input: {
    row: ProfileEntryRow;
    birthDate: string;
    entry: ProfileEntryData;
    masked: boolean;
  },
): Promise<ProfileEntryRow> {
  const { row } = input;
  if (input.entry.type !== row.type) throw profileErrors.typeChange();
  await checkAgainstRecord(deps, trx, row.patient_id, input.entry, row.id);
  const index = indexOf(input.entry);
  const next: ProfileEntryRow = {
    ...row,
    kind: index.kind,
    entry_date: index.date,
    data: JSON.stringify(input.entry),
    masked: input.masked ? 1 : 0,
    due_date: dueDateOf(input.entry, input.birthDate),
    updated_at: deps.clock.now().toISOString(),
  };
  await createProfileRepository(trx).updateEntry(row.patient_id, row.id, {
    kind: next.kind,
    entry_date: next.entry_date,
    data: next.data,
    masked: next.masked,
    due_date: next.due_date,
    updated_at: next.updated_at,
  });
  if (next.due_date && next.due_date !== row.due_date)
    await scheduleVaccinationReminder(deps, trx, {
      patientId: row.patient_id,
      entryId: row.id,
      due: next.due_date,
    });
  return next;
}
