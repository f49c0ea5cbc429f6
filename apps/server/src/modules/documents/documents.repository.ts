/** Documents and their versions: the list query, one document, and the writes. */
import { sql } from 'kysely';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database, Db } from '../../platform/db/schema.ts';
import type { DocumentVersionsTable, DocumentsTable } from '../../platform/db/schema-documents.ts';
import type { DocumentScope } from './documents.policy.ts';

/** A document with its current version's file facts. */
export type DocumentRow = DocumentsTable &
  Pick<
    DocumentVersionsTable,
    'mime_type' | 'file_name' | 'size' | 'preview_status' | 'preview_kind' | 'page_count'
  > & { version_id: string; has_thumbnail: number };

/** Filters, sort and page of the list. */
export interface DocumentListFilters {
  category?: string | undefined;
  author?: 'moi' | 'professionnel' | 'assurance-maladie' | undefined;
  /** Already normalised with `searchText`. */
  search?: string | undefined;
  folderId?: string | undefined;
  sort: 'date' | 'name';
  order: 'asc' | 'desc';
  /** The patient's pinned documents first (their own arrangement; not on the professional side). */
  pinnedFirst?: boolean | undefined;
  offset: number;
  limit: number;
}

/** Lower case, accents and ligatures folded: what `title_search` holds and what a search matches. */
export function searchText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/\s+/g, ' ')
    .trim();
}

const authorTypes = {
  moi: ['patient'],
  professionnel: ['professional', 'establishment'],
  'assurance-maladie': ['system'],
} as const;

/** Restricts a query on `documents` to what the scope may see. */
export function inScope(eb: ExpressionBuilder<Database, 'documents'>, scope: DocumentScope) {
  const conditions: Expression<SqlBool>[] = [
    eb('documents.patient_id', '=', scope.patientId),
    eb('documents.deleted_at', 'is', null),
  ];
  if (scope.hideInvisibleToPatient) {
    conditions.push(
      eb.or([
        eb('documents.invisible_to_patient_until', 'is', null),
        eb('documents.invisible_to_patient_until', '<=', scope.now),
      ]),
    );
  }
  if (scope.hideInvisibleToLegalReps)
    conditions.push(eb('documents.invisible_to_legal_reps', '=', 0));
  const ps = scope.professional;
  if (ps) {
    // Literal SQL truths: SQLite cannot bind a JavaScript boolean.
    const byCategory =
      ps.categories.length === 0
        ? sql<SqlBool>`1 = 0`
        : ps.seesMasked
          ? eb('documents.category', 'in', ps.categories)
          : eb.and([
              eb('documents.category', 'in', ps.categories),
              eb('documents.confidentiality', '=', 'visible'),
            ]);
    conditions.push(
      eb.or([
        eb.and([
          eb('documents.author_type', '=', 'professional'),
          eb('documents.author_id', '=', ps.authorId),
        ]),
        byCategory,
      ]),
    );
  }
  return eb.and(conditions);
}

/** Reads and writes documents and versions. */
export function createDocumentsRepository(db: Db) {
  const withVersion = () =>
    db
      .selectFrom('documents')
      .innerJoin('document_versions as v', (join) =>
        join
          .onRef('v.document_id', '=', 'documents.id')
          .onRef('v.version', '=', 'documents.current_version'),
      );
  const columns = [
    'documents.id',
    'documents.patient_id',
    'documents.title',
    'documents.title_search',
    'documents.doc_date',
    'documents.category',
    'documents.confidentiality',
    'documents.invisible_to_patient_until',
    'documents.invisible_to_legal_reps',
    'documents.folder_id',
    'documents.pinned',
    'documents.author_type',
    'documents.author_id',
    'documents.author_name',
    'documents.author_profession',
    'documents.current_version',
    'documents.created_at',
    'documents.updated_at',
    'documents.deleted_at',
    'v.id as version_id',
    'v.mime_type',
    'v.file_name',
    'v.size',
    'v.preview_status',
    'v.preview_kind',
    'v.page_count',
    'v.has_thumbnail',
  ] as const;

  const filtered = (scope: DocumentScope, filters: Omit<DocumentListFilters, 'offset' | 'limit'>) =>
    db.selectFrom('documents').where((eb) => {
      const conditions: Expression<SqlBool>[] = [inScope(eb, scope)];
      if (filters.category) conditions.push(eb('documents.category', '=', filters.category));
      if (filters.author)
        conditions.push(eb('documents.author_type', 'in', [...authorTypes[filters.author]]));
      if (filters.folderId) conditions.push(eb('documents.folder_id', '=', filters.folderId));
      if (filters.search) {
        // LIKE with an explicit escape character behaves the same on SQLite and PostgreSQL.
        const pattern = `%${filters.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        conditions.push(sql<boolean>`documents.title_search like ${pattern} escape '\\'`);
      }
      return eb.and(conditions);
    });

  return {
    /** One page of the documents the scope may see, and how many there are in all. */
    async list(
      scope: DocumentScope,
      filters: DocumentListFilters,
    ): Promise<{ rows: DocumentRow[]; total: number }> {
      // Two steps: the page of ids comes from `documents` alone, in an order its indexes serve;
      // then the rows of those ids with their version.
      let page = filtered(scope, filters).select('documents.id');
      if (filters.pinnedFirst !== false) page = page.orderBy('documents.pinned', 'desc');
      page =
        filters.sort === 'name'
          ? page.orderBy('documents.title_search', filters.order)
          : page
              .orderBy('documents.doc_date', filters.order)
              .orderBy('documents.created_at', filters.order);
      const ids = (
        await page
          .orderBy('documents.id', filters.order)
          .limit(filters.limit)
          .offset(filters.offset)
          .execute()
      ).map((r) => r.id);
      const found =
        ids.length === 0
          ? []
          : await withVersion().select(columns).where('documents.id', 'in', ids).execute();
      const byId = new Map(found.map((row) => [row.id, row]));
      const rows = ids.flatMap((id) => byId.get(id) ?? []);
      const count = await filtered(scope, filters)
        .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
        .executeTakeFirstOrThrow();
      return { rows, total: Number(count.n) };
    },

    /** One document the scope may see, or undefined (missing and forbidden look the same). */
    find(scope: DocumentScope, id: string): Promise<DocumentRow | undefined> {
      return withVersion()
        .select(columns)
        .where('documents.id', '=', id)
        .where((eb) => inScope(eb, scope))
        .executeTakeFirst();
    },

    /**
     * The facts of one document of the record whatever its state (deleted, masked, invisible):
     * what the access gate decides on. Never returned to a client as is.
     */
    findAny(patientId: string, id: string): Promise<DocumentsTable | undefined> {
      return db
        .selectFrom('documents')
        .selectAll()
        .where('patient_id', '=', patientId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** The newest documents an author added that the scope may see (per-professional page). */
    listByAuthor(
      scope: DocumentScope,
      author: { type: DocumentsTable['author_type']; id: string },
      limit: number,
    ): Promise<Pick<DocumentsTable, 'id' | 'title' | 'doc_date' | 'category'>[]> {
      return db
        .selectFrom('documents')
        .select(['documents.id', 'documents.title', 'documents.doc_date', 'documents.category'])
        .where((eb) => inScope(eb, scope))
        .where('documents.author_type', '=', author.type)
        .where('documents.author_id', '=', author.id)
        .orderBy('documents.doc_date', 'desc')
        .orderBy('documents.created_at', 'desc')
        .orderBy('documents.id', 'desc')
        .limit(limit)
        .execute();
    },

    /** The documents among `ids` the scope may see. */
    findMany(scope: DocumentScope, ids: readonly string[]): Promise<DocumentRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return withVersion()
        .select(columns)
        .where('documents.id', 'in', [...ids])
        .where((eb) => inScope(eb, scope))
        .execute();
    },

    /** Every version of a document (for deletion). */
    versionsOf(documentId: string): Promise<DocumentVersionsTable[]> {
      return db
        .selectFrom('document_versions')
        .selectAll()
        .where('document_id', '=', documentId)
        .execute();
    },

    /** One version by id, whatever its document's state (jobs, `carnet check`). */
    findVersion(versionId: string): Promise<DocumentVersionsTable | undefined> {
      return db
        .selectFrom('document_versions')
        .selectAll()
        .where('id', '=', versionId)
        .executeTakeFirst();
    },

    /** Inserts a document and its first version. */
    async insert(document: DocumentsTable, version: DocumentVersionsTable): Promise<void> {
      await db.insertInto('documents').values(document).execute();
      await db.insertInto('document_versions').values(version).execute();
    },

    /** Updates metadata columns of one document of a patient. */
    async update(
      patientId: string,
      id: string,
      changes: Partial<
        Pick<
          DocumentsTable,
          | 'title'
          | 'title_search'
          | 'doc_date'
          | 'category'
          | 'confidentiality'
          | 'folder_id'
          | 'pinned'
          | 'invisible_to_patient_until'
          | 'deleted_at'
          | 'updated_at'
        >
      >,
    ): Promise<void> {
      await db
        .updateTable('documents')
        .set(changes)
        .where('patient_id', '=', patientId)
        .where('id', '=', id)
        .execute();
    },

    /**
     * Removes a document and its versions. The wrapped keys are overwritten first, so the data
     * keys are gone even from pages the database has not reused yet (crypto-shredding).
     */
    async remove(patientId: string, id: string): Promise<void> {
      await db
        .updateTable('document_versions')
        .set({ wrapped_key: '' })
        .where('patient_id', '=', patientId)
        .where('document_id', '=', id)
        .execute();
      await db
        .deleteFrom('document_versions')
        .where('patient_id', '=', patientId)
        .where('document_id', '=', id)
        .execute();
      await db
        .deleteFrom('documents')
        .where('patient_id', '=', patientId)
        .where('id', '=', id)
        .execute();
    },

    /**
     * Moves a job just enqueued in this transaction to `at` (a notice due later). The jobs table is
     * declared with the documents domain; its worker only runs rows whose time has come.
     */
    async deferJob(jobId: string, at: string): Promise<void> {
      await db.updateTable('jobs').set({ next_attempt_at: at }).where('id', '=', jobId).execute();
    },

    /** Records a rendered preview; false when the version is gone or no longer pending. */
    async setPreview(
      versionId: string,
      preview: Pick<
        DocumentVersionsTable,
        'preview_status' | 'preview_kind' | 'page_count' | 'has_thumbnail'
      >,
    ): Promise<boolean> {
      const result = await db
        .updateTable('document_versions')
        .set(preview)
        .where('id', '=', versionId)
        .where('preview_status', '=', 'pending')
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    /** Moves every document of a folder out of it; returns how many moved. */
    async clearFolder(patientId: string, folderId: string, now: string): Promise<number> {
      const result = await db
        .updateTable('documents')
        .set({ folder_id: null, updated_at: now })
        .where('patient_id', '=', patientId)
        .where('folder_id', '=', folderId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

/** The documents repository. */
export type DocumentsRepository = ReturnType<typeof createDocumentsRepository>;
