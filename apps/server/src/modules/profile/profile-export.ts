/** The profile as "Télécharger mes données" reads it: every entry of the record, masked ones too. */
import type { ProfileEntry } from '@carnet/shared';
import type { Db } from '../../platform/db/schema.ts';
import { toProfileEntryDto } from './profile.dto.ts';
import { createProfileRepository } from './profile.repository.ts';

/** The export's port on the profile (a closed record is exported too: no policy decision here). */
export function createProfileExportPort(db: Db) {
  return {
    /** Every entry of the record, oldest first. */
    async listForExport(patientId: string): Promise<ProfileEntry[]> {
      const rows = await createProfileRepository(db).listEntries(patientId);
      return rows.map((row) => toProfileEntryDto(row));
    },
  };
}
