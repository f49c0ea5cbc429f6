/** The professionals directory table. */
import type { Db, ProfessionalsTable } from '../../platform/db/schema.ts';

/** Reads and writes directory entries. */
export function createProfessionalsRepository(db: Db) {
  return {
    /** Inserts an entry. */
    async insert(row: ProfessionalsTable): Promise<void> {
      await db.insertInto('professionals').values(row).execute();
    },
    /** Entry by RPPS number. */
    findByRpps(rpps: string): Promise<ProfessionalsTable | undefined> {
      return db.selectFrom('professionals').selectAll().where('rpps', '=', rpps).executeTakeFirst();
    },
  };
}
