/**
 * A record's documents read by a professional (ACCESS.md "Professional side", PRODUCT.md
 * "Documents"). Every request goes through the access gate in ONE transaction with its trace: the
 * facts (grant, block, window, settings, matrix) are read now, the decision is traced allowed or
 * denied, and what is shown is filtered in SQL by the scope computed from that very decision — so
 * masked and forbidden documents are absent from lists and from `total`, and a direct id answers
 * 404 exactly like a missing one. Each allowed read also claims the patient's once-a-day e-mail.
 * Thumbnails and pages are reads of patient data too: decided and traced like the others.
 */
import type { DocumentPreview, ProDocumentList } from '@carnet/shared';
import { proDocumentListQuerySchema } from '@carnet/shared';
import { notFound } from '../../platform/http/app-error.ts';
import type { GateTrace } from '../access/access-gate.service.ts';
import type { Professional } from '../professionals/professionals.service.ts';
import type { DocumentViewsService, OpenedFile } from './document-views.service.ts';
import type { DocumentsDeps, DocumentsPorts } from './documents.deps.ts';
import { toProDocumentSummary } from './documents.dto.ts';
import { documentScope } from './documents.policy.ts';
import type { DocumentRow } from './documents.repository.ts';
import { createDocumentsRepository, searchText } from './documents.repository.ts';
import { DOCUMENT_PAGE_SIZE } from './documents.service.ts';
import { actorOf, decideOnDocument } from './pro-documents.gate.ts';

/** Creates the professional's reads of a record's documents. */
export function createProDocumentReadsService(
  deps: DocumentsDeps,
  ports: DocumentsPorts,
  views: Pick<DocumentViewsService, 'open'>,
) {
  const { db, clock } = deps;
  const { gate, notifications } = ports;

  /** An allowed read of one document: the row as the scope sees it, the daily e-mail claimed. */
  async function read(
    ps: Professional,
    patientId: string,
    documentId: string,
    trace: GateTrace,
  ): Promise<DocumentRow> {
    const row = await db.transaction().execute(async (trx) => {
      const decided = await decideOnDocument(gate, trx, {
        ps,
        patientId,
        documentId,
        action: 'document.read',
        trace,
      });
      if (!decided) return undefined;
      const actor = actorOf(decided.allowed, patientId);
      const found = await createDocumentsRepository(trx).find(
        documentScope(actor, clock.now()),
        documentId,
      );
      if (found)
        await notifications.professionalAccessed(trx, { patientId, professionalId: ps.id });
      return found;
    });
    if (!row) throw notFound();
    return row;
  }

  return {
    /** A page of 50 of the documents this PS may see, newest first, with their total and mode. */
    async list(ps: Professional, patientId: string, query: unknown): Promise<ProDocumentList> {
      const q = proDocumentListQuerySchema.parse(query);
      const search = q.q ? searchText(q.q) : '';
      const result = await db.transaction().execute(async (trx) => {
        const decision = await gate.check(trx, {
          professional: ps,
          patientId,
          action: 'rubrique.read',
          resource: { type: 'record' },
          trace: {
            action: search ? 'document.search' : 'document.list',
            target: { type: 'rubrique', id: 'documents' },
          },
        });
        if (!decision.allow) return undefined;
        const actor = actorOf(decision, patientId);
        const now = clock.now();
        const page = await createDocumentsRepository(trx).list(documentScope(actor, now), {
          category: q.category,
          search: search || undefined,
          sort: 'date',
          order: 'desc',
          pinnedFirst: false,
          offset: (q.page - 1) * DOCUMENT_PAGE_SIZE,
          limit: DOCUMENT_PAGE_SIZE,
        });
        await notifications.professionalAccessed(trx, { patientId, professionalId: ps.id });
        return {
          items: page.rows.map((row) => toProDocumentSummary(actor, row, now)),
          total: page.total,
          page: q.page,
          pageSize: DOCUMENT_PAGE_SIZE,
          mode: decision.decision.mode,
        };
      });
      if (!result) throw notFound();
      return result;
    },

    /** The original file; traced `document.download`. */
    async download(ps: Professional, patientId: string, id: string): Promise<OpenedFile> {
      const row = await read(ps, patientId, id, { action: 'document.download' });
      return views.open.download(row);
    },

    /** What preview exists; traced `document.read`. */
    async preview(ps: Professional, patientId: string, id: string): Promise<DocumentPreview> {
      const row = await read(ps, patientId, id, {
        action: 'document.read',
        details: { part: 'preview' },
      });
      return views.open.preview(row);
    },

    /** A rendered page; decided and traced like any read of the document by a PS. */
    async page(ps: Professional, patientId: string, id: string, n: number) {
      const row = await read(ps, patientId, id, {
        action: 'document.read',
        details: { part: 'page', page: n },
      });
      return views.open.page(row, n);
    },

    /** The thumbnail; decided and traced like any read of the document by a PS. */
    async thumbnail(ps: Professional, patientId: string, id: string) {
      const row = await read(ps, patientId, id, {
        action: 'document.read',
        details: { part: 'thumbnail' },
      });
      return views.open.thumbnail(row);
    },

    /** The text preview; traced `document.read`. */
    async text(ps: Professional, patientId: string, id: string) {
      const row = await read(ps, patientId, id, {
        action: 'document.read',
        details: { part: 'text' },
      });
      return views.open.text(row);
    },
  };
}

/** The professional's reads of documents. */
export type ProDocumentReadsService = ReturnType<typeof createProDocumentReadsService>;
