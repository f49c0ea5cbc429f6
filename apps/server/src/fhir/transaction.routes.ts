/**
 * `POST /fhir/R4` with an ITI-65 transaction Bundle: checked against the R4 schema (r4-schema), then
 * read and checked whole (provide-bundle), then each file goes through the web uploads' inspection
 * (type from the bytes, size limit, no active content) into the blob store, and the documents module adds them all in ONE transaction
 * with their traces — all or nothing. Answers a `transaction-response` Bundle with Locations.
 */
import { Readable } from 'node:stream';
import type { Bundle, BundleEntry } from 'fhir/r4.js';
import type { FastifyInstance } from 'fastify';
import type { StagedUpload } from '../modules/documents/document-upload.service.ts';
import type { FhirAuth } from './fhir-auth.ts';
import { toFhirId } from './fhir-ids.ts';
import type { FhirDeps } from './fhir.deps.ts';
import { MAX_BUNDLE_DOCUMENTS, readProvideBundle } from './provide-bundle.ts';
import { requireValidR4 } from './r4-schema.ts';

/** Registers the transaction endpoint. */
export function registerTransactionRoutes(
  app: FastifyInstance,
  deps: FhirDeps,
  auth: FhirAuth,
): void {
  // Base64 grows 4/3; the Bundle's JSON around the bytes stays small.
  const bodyLimit = Math.ceil((deps.maxDocumentBytes * 4) / 3) * MAX_BUNDLE_DOCUMENTS + 256 * 1024;
  app.post('/', { bodyLimit }, async (request, reply) => {
    const ps = auth.professionalOf(request);
    requireValidR4(request.body);
    const plan = readProvideBundle(request.body, { maxBytes: deps.maxDocumentBytes });
    const staged: StagedUpload[] = [];
    try {
      for (const doc of plan.documents)
        staged.push(
          await deps.proDocuments.stage(plan.patientId, {
            stream: Readable.from([doc.bytes]),
            fileName: doc.fileName,
            contentType: doc.contentType,
          }),
        );
    } catch (error) {
      for (const s of staged) await deps.proDocuments.discard(s);
      throw error;
    }
    const added = await deps.proDocuments.addMany(
      ps,
      plan.patientId,
      plan.documents.map((doc, i) => ({ staged: staged[i]!, fields: doc.fields })),
      plan.submission,
    );
    const entry: BundleEntry[] = plan.entries.map((e) => {
      const id =
        e.kind === 'List'
          ? added.submissionSetId
          : e.document === undefined
            ? undefined
            : added.documentIds[e.document];
      if (id === undefined) return { response: { status: '201 Created' } };
      return {
        response: { status: '201 Created', location: `${e.kind}/${toFhirId(id)}` },
      };
    });
    const response: Bundle = { resourceType: 'Bundle', type: 'transaction-response', entry };
    return reply.status(200).type('application/fhir+json').send(response);
  });
}
