/** Opens the database: SQLite (default) or PostgreSQL. The only place that knows which dialect runs. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { withPreparedStatements } from './pg-prepared.ts';
import { withStatementCache } from './statement-cache.ts';

/** Which store runs. */
export type Dialect = 'sqlite' | 'postgres';

/** An open database with its dialect. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** PostgreSQL schema holding the tables (`public` unless tests isolate). */
  schema?: string | undefined;
  /** Answers when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Options to open a database. */
export interface OpenDatabaseOptions {
  /** PostgreSQL URL; when absent, SQLite at `sqlitePath`. */
  postgresUrl?: string | undefined;
  sqlitePath?: string;
  /** PostgreSQL schema (tests isolate each file in its own). */
  postgresSchema?: string;
  poolSize?: number;
}

/** Opens SQLite (WAL, foreign keys, busy timeout) or a PostgreSQL pool. */
export function openDatabase(options: OpenDatabaseOptions): DatabaseHandle {
  if (options.postgresUrl) return openPostgres(options.postgresUrl, options);
  return openSqlite(options.sqlitePath ?? ':memory:');
}

function openSqlite(path: string): DatabaseHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const raw = new SqliteDatabase(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(raw) }),
  });
  return { db, dialect: 'sqlite', ping: () => ping(db), close: () => db.destroy() };
}

function openPostgres(url: string, options: OpenDatabaseOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    // Isolated schemas (tests): parallel workers were seen failing to resolve the search_path under load.
    ...(options.postgresSchema
      ? { options: `-c search_path=${options.postgresSchema} -c max_parallel_workers_per_gather=0` }
      : {}),
  });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => undefined);
  // Nor may a checked-out one: node-postgres emits 'error' on the client (and fails its queries,
  // which answer 503); with no listener, that event would kill the server. The broken client
  // leaves the pool when released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }),
  });
  return {
    db,
    dialect: 'postgres',
    schema: options.postgresSchema ?? 'public',
    ping: () => ping(db),
    close: () => db.destroy(),
  };
}

async function ping(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** True when an error is a unique-constraint violation, on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

// What node-postgres throws, without a code, when the connection drops or cannot be made in time.
const PG_CONNECTION_LOST =
  /^(Connection terminated( unexpectedly| due to connection timeout)?|Client has encountered a connection error and is not queryable|timeout exceeded when trying to connect)$/;

/** True when an error means the database is unreachable (answer 503, retry later). */
export function isConnectionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if (error instanceof Error && PG_CONNECTION_LOST.test(error.message)) return true;
  const code = (error as { code?: unknown }).code;
  return (
    typeof code === 'string' &&
    ([
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      '57P01',
      '57P03',
      '08006',
      '08001',
      '08003',
    ].includes(code) ||
      code === 'SQLITE_BUSY')
  );
}
