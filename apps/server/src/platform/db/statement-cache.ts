/**
 * A prepared-statement cache for SQLite (PERFORMANCE.md B1): Kysely's SQLite driver prepares every
 * query again; this wrapper hands it the statement already prepared for the same SQL text. Bounded
 * (least recently used first out). A statement still iterating (a streamed query) is never handed
 * out twice: the caller gets a fresh one.
 */
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** The part of a better-sqlite3 statement the cache needs. */
export interface CachedStatement extends SqliteStatement {
  readonly busy: boolean;
}

/** The part of a better-sqlite3 database the cache wraps. */
export interface PreparingDatabase {
  prepare(sql: string): CachedStatement;
  close(): unknown;
}

/** Wraps a database so `prepare(sql)` reuses the statement of a previous call with the same text. */
export function withStatementCache(
  database: PreparingDatabase,
  maxStatements = 500,
): SqliteDatabase & { readonly cachedStatements: number } {
  const cache = new Map<string, CachedStatement>();
  return {
    get cachedStatements() {
      return cache.size;
    },
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Map order is insertion order: re-inserting marks it the most recently used.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        if (cache.size > maxStatements) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
    close() {
      cache.clear();
      database.close();
    },
  };
}
