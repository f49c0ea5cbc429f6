/** Test helpers of the medical profile: entries through HTTP, traces of a record. */
import type { ProfileEntryDataInput } from '@carnet/shared';
import type { TestApp, TestClient } from '../../../test/test-app.ts';

/** The 404 of whatever an actor may not see. */
export const NOT_FOUND = {
  error: { code: 'resource.not_found', message: 'Ressource introuvable.' },
};

/** Posts one entry as the patient. */
export const addEntry = (client: TestClient, entry: ProfileEntryDataInput, masked?: boolean) =>
  client.post('/api/profile/entries', { entry, ...(masked === undefined ? {} : { masked }) });

/** A weight of `kg` on `date`. */
export const weight = (value: number, date: string): ProfileEntryDataInput => ({
  type: 'mesure',
  measure: 'poids',
  date,
  value,
});

/** Number of profile entries stored for a record. */
export async function countEntries(t: TestApp, patientId: string): Promise<number> {
  const rows = await t.deps.database.db
    .selectFrom('profile_entries')
    .select('id')
    .where('patient_id', '=', patientId)
    .execute();
  return rows.length;
}

/** Traces of the record by one actor, oldest first. */
export function tracesOf(t: TestApp, patientId: string | null, actorId: string) {
  let q = t.deps.database.db
    .selectFrom('traces')
    .select(['action', 'mode', 'outcome', 'target_id', 'details'])
    .where('actor_id', '=', actorId);
  q =
    patientId === null ? q.where('patient_id', 'is', null) : q.where('patient_id', '=', patientId);
  return q.orderBy('at').orderBy('seq').execute();
}
