/** The directory of health professionals (RPPS, names, profession, specialty, SAMU régulateur). */
import type { Profession } from '@carnet/shared';
import type { Clock } from '../../platform/clock.ts';
import { isUniqueViolation } from '../../platform/db/database.ts';
import type { Db, ProfessionalsTable } from '../../platform/db/schema.ts';
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

/** Professionals directory service. */
export function createProfessionalsService(deps: {
  clock: Clock;
  newId: (prefix: string) => string;
}) {
  return {
    /** Adds a professional; the RPPS number is 11 digits and unique. */
    async create(db: Db, input: NewProfessional): Promise<ProfessionalsTable> {
      if (!/^\d{11}$/.test(input.rpps))
        throw new AppError(
          'professional.rpps_invalid',
          400,
          'Le numéro RPPS comporte 11 chiffres.',
        );
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
    },
    /** Entry by RPPS, or undefined. */
    findByRpps(db: Db, rpps: string): Promise<ProfessionalsTable | undefined> {
      return createProfessionalsRepository(db).findByRpps(rpps);
    },
  };
}

/** The professionals service. */
export type ProfessionalsService = ReturnType<typeof createProfessionalsService>;
