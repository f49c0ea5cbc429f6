/** The professionals directory table. */
import { sql } from 'kysely';
import type { Db, ProfessionalsTable } from '../../platform/db/schema.ts';

/** Escapes LIKE wildcards so a search term matches literally. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Reads and writes directory entries. */
export function createProfessionalsRepository(db: Db) {
  return {
    /** Inserts an entry. */
    async insert(row: ProfessionalsTable): Promise<void> {
      await db.insertInto('professionals').values(row).execute();
    },
    /** Updates the directory fields of an entry. */
    async update(
      id: string,
      fields: Pick<
        ProfessionalsTable,
        'first_name' | 'last_name' | 'profession' | 'specialty' | 'is_regulator' | 'email'
      >,
    ): Promise<void> {
      await db.updateTable('professionals').set(fields).where('id', '=', id).execute();
    },
    /** Entry by RPPS number. */
    findByRpps(rpps: string): Promise<ProfessionalsTable | undefined> {
      return db.selectFrom('professionals').selectAll().where('rpps', '=', rpps).executeTakeFirst();
    },
    /** Entry by id. */
    findById(id: string): Promise<ProfessionalsTable | undefined> {
      return db.selectFrom('professionals').selectAll().where('id', '=', id).executeTakeFirst();
    },
    /** Entries by ids (any order). */
    async findByIds(ids: readonly string[]): Promise<ProfessionalsTable[]> {
      if (ids.length === 0) return [];
      return db.selectFrom('professionals').selectAll().where('id', 'in', ids).execute();
    },
    /**
     * Search by RPPS prefix (digits) or by name: every word must appear in "last first"
     * (case-insensitive on ASCII letters, on both dialects).
     */
    search(q: string, limit: number): Promise<ProfessionalsTable[]> {
      const term = q.trim();
      let query = db.selectFrom('professionals').selectAll();
      if (/^\d+$/.test(term)) {
        query = query.where(sql<boolean>`rpps like ${`${likeEscape(term)}%`} escape '\\'`);
      } else {
        for (const word of term.toLowerCase().split(/\s+/).filter(Boolean)) {
          query = query.where(
            sql<boolean>`lower(last_name || ' ' || first_name) like ${`%${likeEscape(word)}%`} escape '\\'`,
          );
        }
      }
      return query
        .orderBy('last_name')
        .orderBy('first_name')
        .orderBy('rpps')
        .limit(limit)
        .execute();
    },
  };
}
