/**
 * ITI-68 Retrieve Document: `GET Binary/<id>` (INTEROP.md). The same traced download as the web
 * (`document.download`, decided by the gate); with an `Accept` of the stored type the decrypted
 * bytes are streamed, otherwise a FHIR Binary carries them in base64. Not readable → 404.
 */
import type { Binary } from 'fhir/r4.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendDownload } from '../modules/documents/document-files.http.ts';
import { notFound } from '../platform/http/app-error.ts';
import type { FhirAuth } from './fhir-auth.ts';
import { fhirIdSchema, fromFhirId, toFhirId } from './fhir-ids.ts';
import type { FhirDeps } from './fhir.deps.ts';

/** Whether an Accept header names this media type (parameters ignored). */
function accepts(accept: string | undefined, contentType: string): boolean {
  if (!accept) return false;
  return accept
    .split(',')
    .map((part) => part.split(';')[0]?.trim().toLowerCase())
    .includes(contentType.toLowerCase());
}

/** Registers Binary read. */
export function registerBinaryRoutes(app: FastifyInstance, deps: FhirDeps, auth: FhirAuth): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/Binary/:id',
    { schema: { params: z.strictObject({ id: fhirIdSchema }) } },
    async (request, reply) => {
      const ps = auth.professionalOf(request);
      const documentId = fromFhirId(request.params.id, 'doc');
      const patientId = documentId && (await deps.proDocuments.recordOfDocument(documentId));
      if (!documentId || !patientId) throw notFound();
      const file = await deps.proDocuments.download(ps, patientId, documentId);
      if (accepts(request.headers.accept, file.contentType)) return sendDownload(reply, file);
      const chunks: Buffer[] = [];
      for await (const chunk of file.stream) chunks.push(chunk as Buffer);
      const binary: Binary = {
        resourceType: 'Binary',
        id: toFhirId(documentId),
        contentType: file.contentType,
        data: Buffer.concat(chunks).toString('base64'),
      };
      return reply.header('cache-control', 'no-store').type('application/fhir+json').send(binary);
    },
  );
}
