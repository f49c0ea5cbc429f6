/**
 * The keyset search of a record's documents (FHIR ITI-67): filters on categories, date bounds and
 * author, newest first by (doc_date, created_at, id), pages resumed after a cursor — no OFFSET, so
 * a deep page costs what the first does (PERFORMANCE.md B2/B5). Scope as every other read.
 */
import { sql } from 'kysely';
import type { Expression, SqlBool } from 'kysely';
import type { Db } from '../../platform/db/schema.ts';
import type { DocumentScope } from './documents.policy.ts';
import { inScope } from './documents.repository.ts';

/** Where a page resumes: the sort key of the last row of the previous page. */
export interface DocumentCursor {
  date: string;
  createdAt: string;
  id: string;
}

/** A date bound on `doc_date` (YYYY-MM-DD). */
export interface DateBound {
  value: string;
  inclusive: boolean;
}

/** Filters of the search; an empty `categories` array matches nothing. */
export interface DocumentSearchFilters {
  categories?: readonly string[] | undefined;
  from?: DateBound | undefined;
  to?: DateBound | undefined;
  /** Author professional ids; an empty array matches nothing. */
  authorIds?: readonly string[] | undefined;
  /** Only these documents (a read by id). */
  ids?: readonly string[] | undefined;
  after?: DocumentCursor | undefined;
  limit: number;
}

/** The columns a FHIR DocumentReference is made of. */
export const searchColumns = [
  'documents.id',
  'documents.patient_id',
  'documents.title',
  'documents.doc_date',
  'documents.category',
  'documents.confidentiality',
  'documents.invisible_to_patient_until',
  'documents.author_type',
  'documents.author_id',
  'documents.author_name',
  'documents.created_at',
  'documents.updated_at',
  'v.mime_type',
  'v.file_name',
  'v.size',
  'v.sha1',
] as const;

/** Creates the search repository. */
export function createDocumentsSearchRepository(db: Db) {
  const filtered = (scope: DocumentScope, f: Omit<DocumentSearchFilters, 'after' | 'limit'>) =>
    db.selectFrom('documents').where((eb) => {
      const conditions: Expression<SqlBool>[] = [inScope(eb, scope)];
      if (f.categories) {
        conditions.push(
          f.categories.length === 0
            ? sql<SqlBool>`1 = 0`
            : eb('documents.category', 'in', [...f.categories]),
        );
      }
      if (f.authorIds) {
        conditions.push(
          f.authorIds.length === 0
            ? sql<SqlBool>`1 = 0`
            : eb.and([
                eb('documents.author_type', '=', 'professional'),
                eb('documents.author_id', 'in', [...f.authorIds]),
              ]),
        );
      }
      if (f.from)
        conditions.push(eb('documents.doc_date', f.from.inclusive ? '>=' : '>', f.from.value));
      if (f.to) conditions.push(eb('documents.doc_date', f.to.inclusive ? '<=' : '<', f.to.value));
      return eb.and(conditions);
    });

  return {
    /** The record a document id belongs to, whatever its state (the gate decides after). */
    async patientOf(documentId: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('documents')
        .select('patient_id')
        .where('id', '=', documentId)
        .executeTakeFirst();
      return row?.patient_id;
    },

    /** One page (newest first) and the total of the filters (without the cursor). */
    async search(scope: DocumentScope, filters: DocumentSearchFilters) {
      let page = filtered(scope, filters)
        .innerJoin('document_versions as v', (join) =>
          join
            .onRef('v.document_id', '=', 'documents.id')
            .onRef('v.version', '=', 'documents.current_version'),
        )
        .select(searchColumns);
      const after = filters.after;
      if (after) {
        page = page.where((eb) =>
          eb.or([
            eb('documents.doc_date', '<', after.date),
            eb.and([
              eb('documents.doc_date', '=', after.date),
              eb('documents.created_at', '<', after.createdAt),
            ]),
            eb.and([
              eb('documents.doc_date', '=', after.date),
              eb('documents.created_at', '=', after.createdAt),
              eb('documents.id', '<', after.id),
            ]),
          ]),
        );
      }
      const count = () =>
        filtered(scope, filters).select((eb) => eb.fn.countAll<number | string | bigint>().as('n'));
      // The total rides on the page's rows (an uncorrelated subquery, run once): one statement.
      const found = await page
        .select(() => count().as('total'))
        .orderBy('documents.doc_date', 'desc')
        .orderBy('documents.created_at', 'desc')
        .orderBy('documents.id', 'desc')
        .limit(filters.limit)
        .execute();
      // An empty page (past the last one) carries no total: count apart.
      const total = found[0] ? found[0].total : (await count().executeTakeFirstOrThrow()).n;
      const rows = found.map(({ total: _total, ...row }) => row);
      return { rows, total: Number(total) };
    },
  };
}

/** One row of the search. */
export type DocumentSearchRow = Awaited<
  ReturnType<ReturnType<typeof createDocumentsSearchRepository>['search']>
>['rows'][number];
