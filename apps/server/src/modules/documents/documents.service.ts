/**
 * The document vault (PRODUCT.md "Documents"): list, view, edit, mask, delete, report. Every method
 * takes the actor, asks the policy, and writes its trace in the transaction of the action.
 */
import type {
  DocumentCategory,
  DocumentList,
  DocumentListQuery,
  DocumentSummary,
  DocumentUpdate,
} from '@carnet/shared';
import { documentListQuerySchema } from '@carnet/shared';
import type { Db } from '../../platform/db/schema.ts';
import { cleanLine } from '../../platform/files/file-names.ts';
import { notFound } from '../../platform/http/app-error.ts';
import type { DocumentFiles } from './document-files.ts';
import { createDocumentListCache } from './document-list-cache.ts';
import type { DocumentsDeps } from './documents.deps.ts';
import { toDocumentSummary } from './documents.dto.ts';
import { documentsErrors } from './documents.errors.ts';
import type { DocumentActor } from './documents.policy.ts';
import {
  canChangeConfidentiality,
  canDelete,
  canEditMetadata,
  canPin,
  documentScope,
  traceActor,
} from './documents.policy.ts';
import type { DocumentRow } from './documents.repository.ts';
import { createDocumentsRepository, searchText } from './documents.repository.ts';
import { checkDocumentDate } from './documents.schemas.ts';
import { createFoldersRepository } from './folders.repository.ts';

/** A list query with its defaults applied. */
type ParsedListQuery = ReturnType<typeof documentListQuerySchema.parse>;

/** Documents per page of the list (PRODUCT.md: pages of 50). */
export const DOCUMENT_PAGE_SIZE = 50;

/** Creates the documents service. */
export function createDocumentsService(deps: DocumentsDeps, files: DocumentFiles) {
  const { db, clock, traces } = deps;
  const listCache = createDocumentListCache({ db, clock });

  /** The document, or 404 exactly like a missing one when the actor may not see it. */
  async function getVisible(actor: DocumentActor, id: string, on: Db = db): Promise<DocumentRow> {
    const row = await createDocumentsRepository(on).find(documentScope(actor, clock.now()), id);
    if (!row) throw notFound();
    return row;
  }

  async function trace(
    on: Db,
    actor: DocumentActor,
    action: string,
    documentId: string,
    details?: Record<string, string | number | boolean | null>,
  ) {
    await traces.append(on, {
      patientId: actor.patientId,
      actor: traceActor(actor),
      action,
      target: { type: 'document', id: documentId },
      ...(details ? { details } : {}),
    });
  }

  /** A page of the list, from the database. */
  async function buildList(actor: DocumentActor, q: ParsedListQuery): Promise<DocumentList> {
    const search = q.q ? searchText(q.q) : undefined;
    const { rows, total } = await createDocumentsRepository(db).list(
      documentScope(actor, clock.now()),
      {
        category: q.category,
        author: q.author,
        search: search === '' ? undefined : search,
        folderId: q.folderId,
        sort: q.sort,
        order: q.order,
        offset: (q.page - 1) * DOCUMENT_PAGE_SIZE,
        limit: DOCUMENT_PAGE_SIZE,
      },
    );
    return {
      items: rows.map((row) => toDocumentSummary(actor, row)),
      total,
      page: q.page,
      pageSize: DOCUMENT_PAGE_SIZE,
    };
  }

  return {
    getVisible,

    /** A page of 50, newest first (pinned on top), with filters, search and the total. */
    async list(actor: DocumentActor, query: DocumentListQuery): Promise<DocumentList> {
      const q = documentListQuerySchema.parse(query);
      if (actor.type === 'patient')
        return listCache.page(actor.patientId, q, () => buildList(actor, q));
      return buildList(actor, q);
    },

    /** One document, traced as a read. */
    async get(actor: DocumentActor, id: string): Promise<DocumentSummary> {
      return db.transaction().execute(async (trx) => {
        const row = await getVisible(actor, id, trx);
        await trace(trx, actor, 'document.read', id);
        return toDocumentSummary(actor, row);
      });
    },

    /** Edits metadata; a professional's document accepts only confidentiality and pin. */
    async update(
      actor: DocumentActor,
      id: string,
      input: DocumentUpdate,
    ): Promise<DocumentSummary> {
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const row = await getVisible(actor, id, trx);
        const metadata = (['title', 'date', 'category', 'folderId'] as const).filter(
          (k) => input[k] !== undefined,
        );
        if (metadata.length > 0 && !canEditMetadata(actor, row)) throw documentsErrors.readOnly();
        if (input.confidentiality !== undefined && !canChangeConfidentiality(actor, row))
          throw documentsErrors.readOnly();
        if (input.pinned !== undefined && !canPin(actor, row)) throw documentsErrors.readOnly();
        if (
          input.folderId &&
          !(await createFoldersRepository(trx).find(row.patient_id, input.folderId))
        )
          throw documentsErrors.folderNotFound();
        if (Object.values(input).every((v) => v === undefined)) return; // nothing to change
        const title = input.title === undefined ? undefined : cleanLine(input.title);
        await createDocumentsRepository(trx).update(row.patient_id, id, {
          ...(title === undefined ? {} : { title, title_search: searchText(title) }),
          ...(input.date === undefined ? {} : { doc_date: checkDocumentDate(input.date, now) }),
          ...(input.category === undefined ? {} : { category: input.category }),
          ...(input.folderId === undefined ? {} : { folder_id: input.folderId }),
          ...(input.confidentiality === undefined
            ? {}
            : { confidentiality: input.confidentiality }),
          ...(input.pinned === undefined ? {} : { pinned: input.pinned ? 1 : 0 }),
          updated_at: now.toISOString(),
        });
        const changed = [...metadata, ...(input.pinned === undefined ? [] : ['pinned'])];
        if (changed.length > 0)
          await trace(trx, actor, 'document.update', id, { fields: changed.join(',') });
        if (input.confidentiality !== undefined && input.confidentiality !== row.confidentiality)
          await trace(
            trx,
            actor,
            input.confidentiality === 'masque' ? 'document.mask' : 'document.unmask',
            id,
          );
      });
      return toDocumentSummary(actor, await getVisible(actor, id));
    },

    /** Masks or unmasks several documents; all or nothing: one unknown id answers 404. */
    async setConfidentiality(
      actor: DocumentActor,
      ids: readonly string[],
      confidentiality: 'visible' | 'masque',
    ): Promise<{ updated: number }> {
      const unique = [...new Set(ids)];
      return db.transaction().execute(async (trx) => {
        const repository = createDocumentsRepository(trx);
        const rows = await repository.findMany(documentScope(actor, clock.now()), unique);
        if (rows.length !== unique.length) throw notFound();
        if (rows.some((row) => !canChangeConfidentiality(actor, row)))
          throw documentsErrors.readOnly();
        const changing = rows.filter((row) => row.confidentiality !== confidentiality);
        const at = clock.now().toISOString();
        for (const row of changing) {
          await repository.update(row.patient_id, row.id, { confidentiality, updated_at: at });
          await trace(
            trx,
            actor,
            confidentiality === 'masque' ? 'document.mask' : 'document.unmask',
            row.id,
          );
        }
        return { updated: changing.length };
      });
    },

    /**
     * Deletes one of the patient's own documents for good: rows and wrapped keys go in one
     * transaction with the trace (crypto-shredding), then the blobs. A blob left behind by a
     * failure here is an orphan `carnet check` removes.
     */
    async remove(actor: DocumentActor, id: string): Promise<void> {
      const versions = await db.transaction().execute(async (trx) => {
        const row = await getVisible(actor, id, trx);
        // A professional's deletion is logical (pro-documents.service), never this one.
        if (actor.type !== 'patient' || !canDelete(actor, row)) throw documentsErrors.readOnly();
        const repository = createDocumentsRepository(trx);
        const all = await repository.versionsOf(id);
        await repository.remove(row.patient_id, id);
        await trace(trx, actor, 'document.delete', id, { versions: all.length });
        return all;
      });
      for (const version of versions) {
        try {
          await files.removeAll(version);
        } catch {
          // The document is gone and undecryptable; the sweep removes what is left.
        }
      }
    },

    /**
     * Titles of the record's documents among `ids` that the titulaire may see now (Historique
     * d'activité names them; a document still invisible to the patient or deleted stays unnamed,
     * and for a legal representative one invisible to representatives too).
     */
    async titlesOf(
      patientId: string,
      ids: readonly string[],
      forLegalRepresentative = false,
    ): Promise<Map<string, string>> {
      const actor: DocumentActor = forLegalRepresentative
        ? { type: 'patient', patientId, acting: { role: 'representant-legal', personId: '' } }
        : { type: 'patient', patientId };
      const rows = await createDocumentsRepository(db).findMany(
        documentScope(actor, clock.now()),
        ids,
      );
      return new Map(rows.map((row) => [row.id, row.title]));
    },

    /** The documents a professional added that the titulaire may see (per-professional page). */
    async addedBy(
      patientId: string,
      professionalId: string,
    ): Promise<{ id: string; title: string; date: string; category: DocumentCategory }[]> {
      const rows = await createDocumentsRepository(db).listByAuthor(
        documentScope({ type: 'patient', patientId }, clock.now()),
        { type: 'professional', id: professionalId },
        100,
      );
      return rows.map((row) => ({
        id: row.id,
        title: row.title,
        date: row.doc_date,
        category: row.category as DocumentCategory,
      }));
    },

    /** "Signaler un problème": stored for the author and traced. */
    async report(actor: DocumentActor, id: string, message: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const row = await getVisible(actor, id, trx);
        await createFoldersRepository(trx).insertReport({
          id: deps.newId('rep'),
          patient_id: row.patient_id,
          document_id: id,
          message,
          created_at: clock.now().toISOString(),
        });
        await trace(trx, actor, 'document.report', id);
      });
    },

    /** Paramètres › Confidentialité: "masquer par défaut les nouveaux documents". */
    async getSettings(actor: DocumentActor): Promise<{ maskNewDocumentsByDefault: boolean }> {
      const value = await createFoldersRepository(db).maskNewByDefault(actor.patientId);
      return { maskNewDocumentsByDefault: value };
    },

    /** Changes the setting; traced. */
    async setSettings(
      actor: DocumentActor,
      input: { maskNewDocumentsByDefault: boolean },
    ): Promise<{ maskNewDocumentsByDefault: boolean }> {
      await db.transaction().execute(async (trx) => {
        await createFoldersRepository(trx).setMaskNewByDefault(
          actor.patientId,
          input.maskNewDocumentsByDefault,
          clock.now().toISOString(),
        );
        await traces.append(trx, {
          patientId: actor.patientId,
          actor: traceActor(actor),
          action: 'document.settings_update',
          details: { maskNewDocumentsByDefault: input.maskNewDocumentsByDefault },
        });
      });
      return input;
    },
  };
}

/** The documents service. */
export type DocumentsService = ReturnType<typeof createDocumentsService>;
