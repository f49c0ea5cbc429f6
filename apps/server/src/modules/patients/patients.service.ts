/** Patient records: created by the operator, read by the accounts module. */
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Db, PatientsTable } from '../../platform/db/schema.ts';
import { isUniqueViolation } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { createPatientsRepository } from './patients.repository.ts';

/** What the operator gives to create a profile. */
export interface NewPatient {
  ins: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  email: string | null;
  mobile: string | null;
}

/** A patient record. */
export type Patient = PatientsTable;

/** Patients service. */
export function createPatientsService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  newId: (prefix: string) => string;
}) {
  return {
    /** Creates a profile awaiting activation; fails with `patient.exists` on a known INS. */
    async create(db: Db, input: NewPatient): Promise<Patient> {
      const now = deps.clock.now().toISOString();
      const row: PatientsTable = {
        id: deps.newId('pat'),
        ins: input.ins,
        first_name: input.firstName,
        last_name: input.lastName,
        birth_date: input.birthDate,
        email: input.email,
        mobile: input.mobile,
        status: 'pending-activation',
        created_at: now,
        updated_at: now,
      };
      try {
        await createPatientsRepository(db).insert(row);
      } catch (error) {
        if (isUniqueViolation(error))
          throw new AppError('patient.exists', 409, 'Un profil existe déjà pour cet INS.');
        throw error;
      }
      return row;
    },
    /** Patient by id, or undefined. */
    find(id: string, db: Db = deps.db): Promise<Patient | undefined> {
      return createPatientsRepository(db).findById(id);
    },
    /** Patient by INS, or undefined. */
    findByIns(ins: string, db: Db = deps.db): Promise<Patient | undefined> {
      return createPatientsRepository(db).findByIns(ins);
    },
    /** Changes the record's status. */
    async setStatus(db: Db, id: string, status: Patient['status']): Promise<void> {
      await createPatientsRepository(db).update(id, {
        status,
        updated_at: deps.clock.now().toISOString(),
      });
    },
    /** Changes the e-mail or mobile number. */
    async setContact(
      db: Db,
      id: string,
      contact: { email?: string; mobile?: string },
    ): Promise<void> {
      await createPatientsRepository(db).update(id, {
        ...contact,
        updated_at: deps.clock.now().toISOString(),
      });
    },
  };
}

/** The patients service. */
export type PatientsService = ReturnType<typeof createPatientsService>;
