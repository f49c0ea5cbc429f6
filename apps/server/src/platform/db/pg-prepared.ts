/**
 * Named prepared statements for PostgreSQL (PERFORMANCE.md B1): a query text run again gets a
 * server-side prepared statement on each connection, so PostgreSQL parses and plans it once per
 * connection instead of on every request. Only texts seen at least twice get a name (migrations
 * and one-off statements stay unnamed), and names are bounded per process.
 */
import { createHash } from 'node:crypto';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/** Most distinct statements given a name (each connection prepares those it runs). */
const MAX_NAMED = 300;

/** Wraps a pg pool so repeated query texts run as named prepared statements. */
export function withPreparedStatements(pool: pg.Pool): PostgresPool {
  const seen = new Map<string, string | null>();
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  let named = 0;

  const nameOf = (text: string): string | undefined => {
    const known = seen.get(text);
    if (known) return known;
    if (known === null && named < MAX_NAMED) {
      named++;
      const name = `carnet_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
      seen.set(text, name);
      return name;
    }
    if (known === undefined && seen.size < MAX_NAMED * 20) seen.set(text, null);
    return undefined;
  };

  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let wrapper = wrappers.get(client);
    if (!wrapper) {
      wrapper = {
        query: ((textOrCursor: string | PostgresCursor<unknown>, values?: readonly unknown[]) => {
          if (typeof textOrCursor !== 'string')
            return client.query(textOrCursor as unknown as pg.Submittable);
          const name = nameOf(textOrCursor);
          return client.query(
            name
              ? { name, text: textOrCursor, values: values as unknown[] }
              : { text: textOrCursor, values: values as unknown[] },
          ) as unknown as Promise<PostgresQueryResult<unknown>>;
        }) as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(destroy),
      };
      wrappers.set(client, wrapper);
    }
    return wrapper;
  };

  return {
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
  };
}
