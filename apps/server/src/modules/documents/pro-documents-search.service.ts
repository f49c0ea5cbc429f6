/**
 * A professional's search of a record's documents for software (FHIR ITI-67): the same gate
 * decision and trace as the web list (`rubrique.read`, traced `document.search`), the same scope
 * from that decision — masked and forbidden documents are absent from rows and from `total` — and
 * the patient's once-a-day e-mail; pages resume after a cursor (keyset).
 */
import { notFound } from '../../platform/http/app-error.ts';
import type { Professional } from '../professionals/professionals.service.ts';
import type { DocumentsDeps, DocumentsPorts } from './documents.deps.ts';
import { documentScope } from './documents.policy.ts';
import type { DocumentCursor, DocumentSearchFilters } from './documents-search.repository.ts';
import { createDocumentsSearchRepository } from './documents-search.repository.ts';
import { actorOf, decideOnDocument } from './pro-documents.gate.ts';

/** The largest page a search may ask for. */
export const MAX_SEARCH_PAGE = 100;

/** Creates the professional's keyset search. */
export function createProDocumentSearchService(deps: DocumentsDeps, ports: DocumentsPorts) {
  const { db, clock } = deps;
  return {
    /**
     * The record of a document id, for FHIR URLs that name a document alone (`Binary/<id>`,
     * `DocumentReference/<id>`); what the PS may do with it is decided by the call that follows.
     */
    recordOfDocument(documentId: string): Promise<string | undefined> {
      return createDocumentsSearchRepository(db).patientOf(documentId);
    },

    /**
     * One document by id, as the search shows it (FHIR `DocumentReference/<id>`): decided on that
     * document and traced `document.read` like the web's reads; 404 when not readable.
     */
    async findOne(ps: Professional, patientId: string, documentId: string) {
      const row = await db.transaction().execute(async (trx) => {
        const decided = await decideOnDocument(ports.gate, trx, {
          ps,
          patientId,
          documentId,
          action: 'document.read',
          trace: { action: 'document.read', details: { part: 'metadata' } },
        });
        if (!decided) return undefined;
        const scope = documentScope(actorOf(decided.allowed, patientId), clock.now());
        const page = await createDocumentsSearchRepository(trx).search(scope, {
          ids: [documentId],
          limit: 1,
        });
        if (page.rows[0])
          await ports.notifications.professionalAccessed(trx, { patientId, professionalId: ps.id });
        return page.rows[0];
      });
      if (!row) throw notFound();
      return row;
    },

    /**
     * A page of the documents this PS may see, newest first, the total and the next cursor. The
     * decision and the page are read in one transaction; the decision's trace is then written in
     * a group commit (PERFORMANCE.md B2) and awaited: nothing is answered before it is durable.
     */
    async search(ps: Professional, patientId: string, filters: DocumentSearchFilters) {
      const limit = Math.min(Math.max(1, Math.trunc(filters.limit)), MAX_SEARCH_PAGE);
      const { trace, page: result } = await db.transaction().execute(async (trx) => {
        const { result: decision, trace } = await ports.gate.decideForRead(trx, {
          professional: ps,
          patientId,
          action: 'rubrique.read',
          resource: { type: 'record' },
          trace: { action: 'document.search', target: { type: 'rubrique', id: 'documents' } },
        });
        if (!decision.allow) return { trace, page: undefined };
        const scope = documentScope(actorOf(decision, patientId), clock.now());
        // One more row than asked tells whether a next page exists.
        const page = await createDocumentsSearchRepository(trx).search(scope, {
          ...filters,
          limit: limit + 1,
        });
        await ports.notifications.professionalAccessed(trx, { patientId, professionalId: ps.id });
        return { trace, page };
      });
      await deps.traces.appendCommitted(db, trace);
      if (!result) throw notFound();
      const rows = result.rows.slice(0, limit);
      const last = rows.at(-1);
      const next: DocumentCursor | undefined =
        result.rows.length > limit && last
          ? { date: last.doc_date, createdAt: last.created_at, id: last.id }
          : undefined;
      return { rows, total: result.total, next };
    },
  };
}

/** The professional's keyset search of documents. */
export type ProDocumentSearchService = ReturnType<typeof createProDocumentSearchService>;
