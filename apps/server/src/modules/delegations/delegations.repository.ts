/** Delegations table access. */
import type { Db } from '../../platform/db/schema.ts';
import type { DelegationKind, DelegationsTable } from '../../platform/db/schema-delegations.ts';

/** Reads and writes delegations. */
export function createDelegationsRepository(db: Db) {
  return {
    /** Inserts a delegation. */
    async insert(row: DelegationsTable): Promise<void> {
      await db.insertInto('delegations').values(row).execute();
    },
    /** Delegation by id. */
    find(id: string): Promise<DelegationsTable | undefined> {
      return db.selectFrom('delegations').selectAll().where('id', '=', id).executeTakeFirst();
    },
    /** The live delegation of `personId` on `patientId` at `now`, if any. */
    findLive(personId: string, patientId: string, now: string) {
      return db
        .selectFrom('delegations')
        .selectAll()
        .where('person_id', '=', personId)
        .where('patient_id', '=', patientId)
        .where('status', '=', 'active')
        .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', now)]))
        .executeTakeFirst();
    },
    /** Every delegation where the person acts for someone. */
    listForPerson(personId: string): Promise<DelegationsTable[]> {
      return db
        .selectFrom('delegations')
        .selectAll()
        .where('person_id', '=', personId)
        .orderBy('created_at', 'desc')
        .execute();
    },
    /** Every delegation on a record. */
    listForPatient(patientId: string): Promise<DelegationsTable[]> {
      return db
        .selectFrom('delegations')
        .selectAll()
        .where('patient_id', '=', patientId)
        .orderBy('created_at', 'desc')
        .execute();
    },
    /** Active or still-pending delegations of a kind, on a record or of a person. */
    async countOpen(input: {
      kind: DelegationKind;
      patientId?: string;
      personId?: string;
      now: string;
      includePending: boolean;
    }): Promise<number> {
      let query = db
        .selectFrom('delegations')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('kind', '=', input.kind)
        .where((eb) =>
          eb.or([
            eb.and([
              eb('status', '=', 'active'),
              eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', input.now)]),
            ]),
            ...(input.includePending
              ? [eb.and([eb('status', '=', 'pending'), eb('expires_at', '>', input.now)])]
              : []),
          ]),
        );
      if (input.patientId) query = query.where('patient_id', '=', input.patientId);
      if (input.personId) query = query.where('person_id', '=', input.personId);
      const row = await query.executeTakeFirstOrThrow();
      return Number(row.n);
    },
    /** Changes a delegation; `fromStatus` guards against a concurrent change. */
    async update(
      id: string,
      fromStatus: DelegationsTable['status'],
      fields: Partial<Omit<DelegationsTable, 'id'>>,
    ): Promise<boolean> {
      const result = await db
        .updateTable('delegations')
        .set(fields)
        .where('id', '=', id)
        .where('status', '=', fromStatus)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    /** Live legal representations (active or awaiting activation), for the majority job. */
    listRepresentations(): Promise<DelegationsTable[]> {
      return db
        .selectFrom('delegations')
        .selectAll()
        .where('kind', '=', 'representant-legal')
        .where('status', 'in', ['active', 'awaiting-activation', 'pending'])
        .orderBy('patient_id')
        .execute();
    },
  };
}
