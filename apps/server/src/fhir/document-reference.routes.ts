/**
 * ITI-67 Find Document References (`GET` and `POST _search`) and the author's `PATCH`. Only maps:
 * the documents module's search decides and traces exactly as the web list does.
 */
import type { Bundle, DocumentReference } from 'fhir/r4.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../platform/http/app-error.ts';
import { fhirIdSchema, fromFhirId } from './fhir-ids.ts';
import { toDocumentReference } from './document-reference.mapping.ts';
import { registerDocumentReferencePatch } from './document-reference.patch.ts';
import {
  documentSearchParams,
  encodeCursor,
  readDocumentSearch,
} from './document-reference.search.ts';
import type { FhirAuth } from './fhir-auth.ts';
import type { FhirDeps } from './fhir.deps.ts';
import { parseSearchQuery, searchSetOf } from './search-params.ts';

/** Whether an error is the 404 of what the actor may not see. */
export const isNotFound = (error: unknown): boolean =>
  error instanceof AppError && error.status === 404;

/** The RPPS of the professionals who authored some rows. */
export async function rppsLookup(deps: FhirDeps, authorIds: (string | null)[]) {
  const ids = authorIds.filter((x): x is string => x !== null);
  const found = ids.length
    ? await deps.professionals.findMany(ids)
    : new Map<string, { rpps: string }>();
  return (id: string): string | undefined => found.get(id)?.rpps;
}

/** Registers the DocumentReference routes. */
export function registerDocumentReferenceRoutes(
  app: FastifyInstance,
  deps: FhirDeps,
  auth: FhirAuth,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = `${deps.publicUrl.replace(/\/$/, '')}/fhir/R4`;

  async function search(request: FastifyRequest): Promise<Bundle> {
    const ps = auth.professionalOf(request);
    const query = parseSearchQuery(request, { allowed: documentSearchParams });
    const wanted = readDocumentSearch(query.params);
    const patientId =
      'ins' in wanted.patient
        ? ((await deps.patients.findByIns(wanted.patient.ins))?.id ?? 'pat_unknown')
        : wanted.patient.id;
    let authorIds: string[] | undefined;
    if (wanted.authorRpps) {
      authorIds = [];
      for (const rpps of wanted.authorRpps.slice(0, 20)) {
        const found = await deps.professionals.findByRpps(deps.db, rpps);
        if (found) authorIds.push(found.id);
      }
    }
    const filters = {
      ...wanted.filters,
      ...(wanted.statusMatches ? {} : { categories: [] }),
      ...(authorIds ? { authorIds } : {}),
    };
    let page: Awaited<ReturnType<FhirDeps['proDocuments']['search']>>;
    try {
      page = await deps.proDocuments.search(ps, patientId, filters);
    } catch (error) {
      // A record the PS may not read looks like no record: an empty searchset (denial traced).
      if (!isNotFound(error)) throw error;
      return searchSetOf({ base, type: 'DocumentReference', self: query.selfQuery, resources: [] });
    }
    const rppsOf = await rppsLookup(
      deps,
      page.rows.map((row) => (row.author_type === 'professional' ? row.author_id : null)),
    );
    const now = deps.clock.now().toISOString();
    const resources: DocumentReference[] = page.rows.map((row) =>
      toDocumentReference(row, { base, rppsOf, now }),
    );
    let next: string | undefined;
    if (page.next) {
      const q = new URLSearchParams(query.selfQuery);
      q.delete('_cursor');
      q.set('_cursor', encodeCursor(page.next));
      next = q.toString();
    }
    return searchSetOf({
      base,
      type: 'DocumentReference',
      self: query.selfQuery,
      resources,
      total: page.total,
      next,
    });
  }

  r.get('/DocumentReference', search);
  r.get(
    '/DocumentReference/:id',
    { schema: { params: z.strictObject({ id: fhirIdSchema }) } },
    async (request) => {
      const ps = auth.professionalOf(request);
      const documentId = fromFhirId(request.params.id, 'doc');
      const patientId = documentId && (await deps.proDocuments.recordOfDocument(documentId));
      if (!documentId || !patientId) throw notFound();
      const row = await deps.proDocuments.findOne(ps, patientId, documentId);
      const rppsOf = await rppsLookup(deps, [
        row.author_type === 'professional' ? row.author_id : null,
      ]);
      return toDocumentReference(row, { base, rppsOf, now: deps.clock.now().toISOString() });
    },
  );
  r.post('/DocumentReference/_search', search);
  registerDocumentReferencePatch(app, deps, auth);
}
