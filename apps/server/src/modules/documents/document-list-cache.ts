/**
 * Pages of the patient's document list kept in memory (PERFORMANCE.md B1). A page is served again
 * only while the record's list version is the one it was built under: triggers bump that version
 * on every write to `documents` and `document_versions` (migration 0006), and the version is read
 * from the database on every request, so several servers and every write path stay right. A page
 * also expires when a document hidden from the patient becomes visible. The version is read before
 * the page is built, so a page is never labelled with a version newer than its data.
 */
import type { DocumentList, DocumentListQuery } from '@carnet/shared';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/schema.ts';

interface Entry {
  version: string;
  /** ISO-8601 time a hidden document becomes visible, after which the page is stale. */
  until: string | null;
  page: DocumentList;
}

/** Entries kept (≈ 50 documents each), least recently used out first. */
const MAX_ENTRIES = 256;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** Creates the cache of list pages. */
export function createDocumentListCache(deps: { db: Kysely<Database>; clock: Clock }) {
  const entries = new Map<string, Entry>();

  async function versionOf(patientId: string): Promise<string> {
    const row = await deps.db
      .selectFrom('document_list_versions')
      .select('version')
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
    return row ? String(row.version) : '0';
  }

  /** When the next document hidden from the patient becomes visible, if any. */
  async function nextReveal(patientId: string, now: string): Promise<string | null> {
    const row = await deps.db
      .selectFrom('documents')
      .select((eb) => eb.fn.min('invisible_to_patient_until').as('until'))
      .where('patient_id', '=', patientId)
      .where('deleted_at', 'is', null)
      .where('invisible_to_patient_until', '>', now)
      .executeTakeFirst();
    return row?.until ?? null;
  }

  return {
    /**
     * The page of `query` for the patient: the kept one when still current, else `build()`'s
     * (kept, deeply frozen: the response serialiser may then reuse its bytes).
     */
    async page(
      patientId: string,
      query: DocumentListQuery,
      build: () => Promise<DocumentList>,
    ): Promise<DocumentList> {
      const key = `${patientId}\n${JSON.stringify(query)}`;
      const version = await versionOf(patientId);
      const now = deps.clock.now().toISOString();
      const kept = entries.get(key);
      if (kept && kept.version === version && (kept.until === null || now < kept.until)) {
        entries.delete(key);
        entries.set(key, kept);
        return kept.page;
      }
      const until = await nextReveal(patientId, now);
      const page = deepFreeze(await build());
      entries.delete(key);
      entries.set(key, { version, until, page });
      if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      return page;
    },
  };
}

/** The cache of list pages. */
export type DocumentListCache = ReturnType<typeof createDocumentListCache>;
