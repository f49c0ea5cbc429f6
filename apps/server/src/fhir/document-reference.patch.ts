/**
 * `PATCH DocumentReference/<id>` (JSON Patch, RFC 6902) by its author (ACCESS.md "mask a document
 * to other PS, make it invisible to the patient: only its author"; "edit / delete: only its
 * author"): `securityLabel` sets MASQUE_PS / INVISIBLE_PATIENT (never both), `status` →
 * `entered-in-error` is the logical delete. The documents module decides and traces; anyone else
 * gets 404 like a missing document.
 */
import type { DocumentReference } from 'fhir/r4.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../platform/http/app-error.ts';
import { securityLabelsOf } from './document-reference.mapping.ts';
import { categoryCodingsOf, systems, typeCodingOf } from './document-codes.ts';
import type { FhirAuth } from './fhir-auth.ts';
import { fhirIdSchema, fromFhirId, toFhirId } from './fhir-ids.ts';
import type { FhirDeps } from './fhir.deps.ts';
import { FhirError, operationOutcome } from './operation-outcome.ts';
import { r4DatatypeIssues, refuseIssues } from './r4-schema.ts';

const label = z.object({
  coding: z.array(z.object({ system: z.string().optional(), code: z.string().optional() })).max(5),
});
const operation = z.union([
  z.object({
    op: z.enum(['add', 'replace']),
    path: z.literal('/securityLabel'),
    value: z.array(label).max(5),
  }),
  z.object({ op: z.literal('add'), path: z.literal('/securityLabel/-'), value: label }),
  z.object({ op: z.literal('remove'), path: z.literal('/securityLabel') }),
  z.object({
    op: z.literal('replace'),
    path: z.literal('/status'),
    value: z.literal('entered-in-error'),
  }),
]);
const patchSchema = z.array(operation).min(1).max(5);

const codesOf = (labels: z.infer<typeof label>[]) =>
  labels
    .flatMap((l) => l.coding)
    .filter((c) => c.system === systems.dmpConfidentiality)
    .map((c) => c.code);

/** Registers the author's PATCH. */
export function registerDocumentReferencePatch(
  app: FastifyInstance,
  deps: FhirDeps,
  auth: FhirAuth,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.patch(
    '/DocumentReference/:id',
    { schema: { params: z.strictObject({ id: fhirIdSchema }) } },
    async (request, reply) => {
      const ps = auth.professionalOf(request);
      if (!String(request.headers['content-type']).startsWith('application/json-patch+json'))
        throw new FhirError(415, 'not-supported', 'PATCH attend application/json-patch+json.');
      // The values written into the resource must be R4 CodeableConcepts (the schema's own).
      if (Array.isArray(request.body))
        refuseIssues(
          request.body.flatMap((op: unknown, i: number) => {
            if (typeof op !== 'object' || op === null || !('value' in op)) return [];
            const { path, value } = op as { path?: unknown; value: unknown };
            if (path === '/securityLabel' && Array.isArray(value))
              return value.flatMap((v, j) =>
                r4DatatypeIssues('CodeableConcept', v, `Patch[${i}].value[${j}]`),
              );
            if (path === '/securityLabel/-')
              return r4DatatypeIssues('CodeableConcept', value, `Patch[${i}].value`);
            return [];
          }),
        );
      const parsed = patchSchema.safeParse(request.body);
      if (!parsed.success)
        throw new FhirError(
          422,
          'not-supported',
          'Seuls securityLabel (MASQUE_PS, INVISIBLE_PATIENT) et status → entered-in-error peuvent être modifiés.',
        );
      const documentId = fromFhirId(request.params.id, 'doc');
      const patientId = documentId && (await deps.proDocuments.recordOfDocument(documentId));
      if (!documentId || !patientId) throw notFound();
      const ops = parsed.data;
      if (ops.some((o) => o.path === '/status')) {
        if (ops.length > 1)
          throw new FhirError(422, 'processing', 'La suppression logique se fait seule.');
        await deps.proDocuments.remove(ps, patientId, documentId);
        return reply
          .type('application/fhir+json')
          .send(
            operationOutcome(
              'informational',
              'Document supprimé (entered-in-error).',
              {},
              'information',
            ),
          );
      }
      // A whole-array write sets both flags; `add /securityLabel/-` only turns one on.
      let masked: boolean | undefined;
      let invisible: boolean | undefined;
      for (const o of ops) {
        if (o.path === '/status') continue;
        const codes =
          o.op === 'remove' ? [] : codesOf(o.path === '/securityLabel' ? o.value : [o.value]);
        if (o.path === '/securityLabel/-') {
          if (codes.includes('MASQUE_PS')) masked = true;
          if (codes.includes('INVISIBLE_PATIENT')) invisible = true;
        } else {
          masked = codes.includes('MASQUE_PS');
          invisible = codes.includes('INVISIBLE_PATIENT');
        }
      }
      if (masked && invisible)
        throw new FhirError(
          422,
          'business-rule',
          'Un document ne peut pas être à la fois masqué aux professionnels et invisible au patient.',
          'securityLabel',
        );
      const summary = await deps.proDocuments.update(ps, patientId, documentId, {
        ...(masked === undefined ? {} : { confidentiality: masked ? 'masque' : 'visible' }),
        ...(invisible === undefined ? {} : { invisibleToPatient: invisible }),
      });
      const base = `${deps.publicUrl.replace(/\/$/, '')}/fhir/R4`;
      const resource: DocumentReference = {
        resourceType: 'DocumentReference',
        id: toFhirId(summary.id),
        status: 'current',
        type: { coding: [typeCodingOf(summary.category)] },
        category: [{ coding: categoryCodingsOf(summary.category, false) }],
        subject: { reference: `Patient/${toFhirId(patientId)}` },
        date: summary.createdAt,
        author: [{ type: 'Practitioner', identifier: { system: systems.rpps, value: ps.rpps } }],
        description: summary.title,
        securityLabel: securityLabelsOf({
          masked: summary.confidentiality === 'masque',
          invisible: summary.invisibleToPatient,
        }),
        content: [
          {
            attachment: {
              contentType: summary.mimeType,
              size: summary.size,
              title: summary.title,
              url: `${base}/Binary/${toFhirId(summary.id)}`,
              creation: summary.date,
            },
          },
        ],
      };
      return reply.type('application/fhir+json').send(resource);
    },
  );
}
