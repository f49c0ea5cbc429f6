/** Grants, emergency settings and windows, médecin traitant: read fresh on every call, never cached. */
import { sql } from 'kysely';
import type { SqlBool } from 'kysely';
import type { Db } from '../../platform/db/schema.ts';
import type {
  EmergencySettingsTable,
  EmergencyWindowsTable,
  GrantsTable,
  HabilitationMatrixTable,
} from '../../platform/db/schema-access.ts';

/** Reads and writes the access tables. */
export function createAccessRepository(db: Db) {
  return {
    /** The grant of one professional on one record. */
    findGrant(patientId: string, professionalId: string): Promise<GrantsTable | undefined> {
      return db
        .selectFrom('grants')
        .selectAll()
        .where('patient_id', '=', patientId)
        .where('professional_id', '=', professionalId)
        .executeTakeFirst();
    },

    /**
     * What the gate decides on about one professional on one record, in one statement (PERFORMANCE.md
     * B2: one round trip instead of four, read now like each of them): the grant's status, the
     * emergency toggles (undefined: no row), the open emergency window ending last and the
     * médecin traitant — the same rows as `findGrant`, `findEmergencySettings`, `findOpenWindow`
     * and `findMedecinTraitant` — and the rows of the loaded habilitation matrix (none: the
     * shipped default is in force), the facts riding on each (a one-row left join).
     */
    async findDecisionFacts(
      patientId: string,
      professionalId: string,
      now: string,
    ): Promise<{
      grant: GrantsTable['status'] | undefined;
      settings: Pick<EmergencySettingsTable, 'samu' | 'others' | 'masked'> | undefined;
      window: Pick<EmergencyWindowsTable, 'mode' | 'until'> | undefined;
      medecinTraitant: string | undefined;
      matrix: Pick<HabilitationMatrixTable, 'profession' | 'category' | 'allowed'>[];
    }> {
      const settings = (column: 'samu' | 'others' | 'masked') =>
        db.selectFrom('emergency_settings').select(column).where('patient_id', '=', patientId);
      const openWindow = (column: 'mode' | 'until') =>
        db
          .selectFrom('emergency_windows')
          .select(column)
          .where('patient_id', '=', patientId)
          .where('professional_id', '=', professionalId)
          .where('closed_at', 'is', null)
          .where('until', '>', now)
          .orderBy('until', 'desc')
          .orderBy('id')
          .limit(1);
      const rows = await db
        .selectFrom(db.selectNoFrom(sql<number>`1`.as('one')).as('facts'))
        .leftJoin('habilitation_matrix as m', (join) => join.on(sql<SqlBool>`1 = 1`))
        .select([
          db
            .selectFrom('grants')
            .select('status')
            .where('patient_id', '=', patientId)
            .where('professional_id', '=', professionalId)
            .as('grant'),
          settings('samu').as('samu'),
          settings('others').as('others'),
          settings('masked').as('masked'),
          openWindow('mode').as('window_mode'),
          openWindow('until').as('window_until'),
          db
            .selectFrom('medecin_traitant')
            .select('professional_id')
            .where('patient_id', '=', patientId)
            .as('medecin_traitant'),
          'm.profession',
          'm.category',
          'm.allowed',
        ])
        .execute();
      const row = rows[0]!;
      return {
        grant: row.grant ?? undefined,
        settings:
          row.samu === null || row.others === null || row.masked === null
            ? undefined
            : { samu: Number(row.samu), others: Number(row.others), masked: Number(row.masked) },
        window:
          row.window_mode === null || row.window_until === null
            ? undefined
            : { mode: row.window_mode as EmergencyWindowsTable['mode'], until: row.window_until },
        medecinTraitant: row.medecin_traitant ?? undefined,
        matrix: rows.flatMap(({ profession, category, allowed }) =>
          profession === null || category === null || allowed === null
            ? []
            : [{ profession, category, allowed: Number(allowed) }],
        ),
      };
    },

    /** Every grant of a record but `none`, newest first. */
    listGrants(patientId: string): Promise<GrantsTable[]> {
      return db
        .selectFrom('grants')
        .selectAll()
        .where('patient_id', '=', patientId)
        .where('status', '!=', 'none')
        .orderBy('since', 'desc')
        .execute();
    },

    /**
     * Consent: `none` (or no row) becomes `authorized`; `authorized` and `administrator` stay;
     * `blocked` stays blocked. One statement, so a block committed meanwhile is never overwritten.
     */
    async consent(patientId: string, professionalId: string, at: string): Promise<void> {
      await db
        .insertInto('grants')
        .values({
          patient_id: patientId,
          professional_id: professionalId,
          status: 'authorized',
          since: at,
          updated_at: at,
        })
        .onConflict((oc) =>
          oc
            .columns(['patient_id', 'professional_id'])
            .doUpdateSet({ status: 'authorized', since: at, updated_at: at })
            .where('grants.status', '=', 'none'),
        )
        .execute();
    },

    /** Moves a grant from one of `from` to `to`; false when the grant was in no such state. */
    async transition(input: {
      patientId: string;
      professionalId: string;
      from: GrantsTable['status'][];
      to: GrantsTable['status'];
      at: string;
    }): Promise<boolean> {
      const result = await db
        .updateTable('grants')
        .set({ status: input.to, since: input.at, updated_at: input.at })
        .where('patient_id', '=', input.patientId)
        .where('professional_id', '=', input.professionalId)
        .where('status', 'in', input.from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Blocks from any state (also a professional who never accessed the record). */
    async block(patientId: string, professionalId: string, at: string): Promise<void> {
      await db
        .insertInto('grants')
        .values({
          patient_id: patientId,
          professional_id: professionalId,
          status: 'blocked',
          since: at,
          updated_at: at,
        })
        .onConflict((oc) =>
          oc
            .columns(['patient_id', 'professional_id'])
            .doUpdateSet({ status: 'blocked', since: at, updated_at: at })
            .where('grants.status', '!=', 'blocked'),
        )
        .execute();
    },

    /** Sets a grant as given, whatever it was (demo data and imports only). */
    async setGrant(row: GrantsTable): Promise<void> {
      await db
        .insertInto('grants')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['patient_id', 'professional_id']).doUpdateSet({
            status: row.status,
            since: row.since,
            updated_at: row.updated_at,
          }),
        )
        .execute();
    },

    /** The stored emergency toggles (none stored: the defaults apply). */
    findEmergencySettings(patientId: string): Promise<EmergencySettingsTable | undefined> {
      return db
        .selectFrom('emergency_settings')
        .selectAll()
        .where('patient_id', '=', patientId)
        .executeTakeFirst();
    },

    /** Stores the emergency toggles. */
    async saveEmergencySettings(row: EmergencySettingsTable): Promise<void> {
      await db
        .insertInto('emergency_settings')
        .values(row)
        .onConflict((oc) =>
          oc.column('patient_id').doUpdateSet({
            samu: row.samu,
            others: row.others,
            masked: row.masked,
            updated_at: row.updated_at,
          }),
        )
        .execute();
    },

    /** The open emergency window of a professional on a record that lasts longest, if any. */
    findOpenWindow(
      patientId: string,
      professionalId: string,
      now: string,
    ): Promise<EmergencyWindowsTable | undefined> {
      return db
        .selectFrom('emergency_windows')
        .selectAll()
        .where('patient_id', '=', patientId)
        .where('professional_id', '=', professionalId)
        .where('closed_at', 'is', null)
        .where('until', '>', now)
        .orderBy('until', 'desc')
        .executeTakeFirst();
    },

    /** Records an emergency window. */
    async insertWindow(row: EmergencyWindowsTable): Promise<void> {
      await db.insertInto('emergency_windows').values(row).execute();
    },

    /** Ends at once every open window of a professional on a record (a block). */
    async closeWindows(patientId: string, professionalId: string, at: string): Promise<number> {
      const result = await db
        .updateTable('emergency_windows')
        .set({ closed_at: at })
        .where('patient_id', '=', patientId)
        .where('professional_id', '=', professionalId)
        .where('closed_at', 'is', null)
        .where('until', '>', at)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** The médecin traitant's professional id, if declared. */
    async findMedecinTraitant(patientId: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('medecin_traitant')
        .select('professional_id')
        .where('patient_id', '=', patientId)
        .executeTakeFirst();
      return row?.professional_id;
    },

    /** Declares (or replaces) the médecin traitant. */
    async setMedecinTraitant(patientId: string, professionalId: string, at: string): Promise<void> {
      await db
        .insertInto('medecin_traitant')
        .values({ patient_id: patientId, professional_id: professionalId, since: at })
        .onConflict((oc) =>
          oc.column('patient_id').doUpdateSet({ professional_id: professionalId, since: at }),
        )
        .execute();
    },

    /** A professional's traces on a record, newest first. */
    listTracesOfProfessional(patientId: string, professionalId: string, limit: number) {
      return db
        .selectFrom('traces')
        .select(['id', 'at', 'action', 'mode', 'outcome'])
        .where('patient_id', '=', patientId)
        .where('actor_type', '=', 'professional')
        .where('actor_id', '=', professionalId)
        .orderBy('at', 'desc')
        .orderBy('seq', 'desc')
        .limit(limit)
        .execute();
    },
  };
}
