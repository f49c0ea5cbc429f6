/** The directory of health professionals (RPPS, names, profession, specialty, SAMU régulateur). */
import { professions } from '@carnet/shared';
import type { Profession, ProfessionalSummary } from '@carnet/shared';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import { isUniqueViolation } from '../../platform/db/database.ts';
import type { Database, Db, ProfessionalsTable } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { createProfessionalsRepository } from './professionals.repository.ts';

/** A directory entry to create. */
export interface NewProfessional {
  rpps: string;
  firstName: string;
  lastName: string;
  profession: Profession;
  specialty: string | null;
  isRegulator: boolean;
  email: string | null;
}

/** A directory entry. */
export type Professional = ProfessionalsTable;

/** French label of a profession code (the code itself when unknown). */
export const professionLabel = (code: string): string =>
  (professions as Record<string, string>)[code] ?? code;

/** The wire form of a directory entry. */
export function toProfessionalSummary(ps: Professional): ProfessionalSummary {
  return {
    id: ps.id,
    rpps: ps.rpps,
    firstName: ps.first_name,
    lastName: ps.last_name,
    profession: ps.profession,
    professionLabel: professionLabel(ps.profession),
    specialty: ps.specialty,
  };
}

const rppsInvalid = () =>
  new AppError('professional.rpps_invalid', 400, 'Le numéro RPPS comporte 11 chiffres.');

/** Professionals directory service. */
export function createProfessionalsService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  newId: (prefix: string) => string;
}) {
  /** Adds a professional; the RPPS number is 11 digits and unique. */
  async function create(db: Db, input: NewProfessional): Promise<ProfessionalsTable> {
    if (!/^\d{11}$/.test(input.rpps)) throw rppsInvalid();
    const row: ProfessionalsTable = {
      id: deps.newId('ps'),
      rpps: input.rpps,
      first_name: input.firstName,
      last_name: input.lastName,
      profession: input.profession,
      specialty: input.specialty,
      is_regulator: input.isRegulator ? 1 : 0,
      email: input.email,
      created_at: deps.clock.now().toISOString(),
    };
    try {
      await createProfessionalsRepository(db).insert(row);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('professional.exists', 409, 'Ce numéro RPPS existe déjà.');
      throw error;
    }
    return row;
  }

  return {
    create,

    /** Import: creates unknown RPPS numbers, updates known ones; all or nothing (one transaction). */
    async importMany(entries: NewProfessional[]): Promise<{ created: number; updated: number }> {
      return deps.db.transaction().execute(async (trx) => {
        const repo = createProfessionalsRepository(trx);
        let created = 0;
        let updated = 0;
        for (const entry of entries) {
          const existing = await repo.findByRpps(entry.rpps);
          if (!existing) {
            await create(trx, entry);
            created += 1;
            continue;
          }
          await repo.update(existing.id, {
            first_name: entry.firstName,
            last_name: entry.lastName,
            profession: entry.profession,
            specialty: entry.specialty,
            is_regulator: entry.isRegulator ? 1 : 0,
            email: entry.email,
          });
          updated += 1;
        }
        return { created, updated };
      });
    },

    /** Entry by RPPS, or undefined. */
    findByRpps(db: Db, rpps: string): Promise<ProfessionalsTable | undefined> {
      return createProfessionalsRepository(db).findByRpps(rpps);
    },

    /** Entry by id, or undefined. */
    find(id: string, db: Db = deps.db): Promise<ProfessionalsTable | undefined> {
      return createProfessionalsRepository(db).findById(id);
    },

    /** Entries by ids, keyed by id. */
    async findMany(ids: readonly string[], db: Db = deps.db): Promise<Map<string, Professional>> {
      const rows = await createProfessionalsRepository(db).findByIds([...new Set(ids)]);
      return new Map(rows.map((r) => [r.id, r]));
    },

    /** Directory search by name or RPPS (at most `limit` entries). */
    search(q: string, limit = 20, db: Db = deps.db): Promise<Professional[]> {
      return createProfessionalsRepository(db).search(q, limit);
    },
  };
}

/** The professionals service. */
export type ProfessionalsService = ReturnType<typeof createProfessionalsService>;
