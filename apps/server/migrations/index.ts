/** The numbered migrations, in order. A shipped migration is never edited: add a new one. */
import type { Kysely } from 'kysely';
import * as m0001 from './0001-foundation.ts';
import * as m0002 from './0002-documents.ts';
import * as m0004 from './0004-history.ts';
import * as m0003 from './0003-access.ts';
import * as m0005 from './0005-known-devices.ts';
import * as m0006 from './0006-document-list-versions.ts';
import * as m0007 from './0007-fhir.ts';
import * as m0008 from './0008-medical-profile.ts';
import * as m0009 from './0009-messaging.ts';
import * as m0010 from './0010-lifecycle.ts';
import * as m0012 from './0012-delegations.ts';
import * as m0013 from './0013-oauth.ts';
import * as m0014 from './0014-acting-persons.ts';
import * as m0015 from './0015-search-count-index.ts';
import * as m0016 from './0016-submission-sets.ts';

/** Dialect a migration may need for dialect-specific DDL (triggers). */
export type MigrationDialect = 'sqlite' | 'postgres';

/** One migration step. */
export interface CarnetMigration {
  up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void>;
  down?(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void>;
}

/** Every migration by its name; names sort in application order. */
export const migrations: Record<string, CarnetMigration> = {
  '0001-foundation': m0001,
  '0002-documents': m0002,
  '0003-access': m0003,
  '0004-history': m0004,
  '0005-known-devices': m0005,
  '0006-document-list-versions': m0006,
  '0007-fhir': m0007,
  '0008-medical-profile': m0008,
  '0009-messaging': m0009,
  '0010-lifecycle': m0010,
  '0012-delegations': m0012,
  '0013-oauth': m0013,
  '0014-acting-persons': m0014,
  '0015-search-count-index': m0015,
  '0016-submission-sets': m0016,
};
