/**
 * `List/<id>`: the SubmissionSet of an ITI-65 provide, as stored (IHE MHD SubmissionSet: uniqueId,
 * date, source = the providing PS's RPPS, subject, entries). Readable with the same rule as the
 * record's documents; its entries are the documents this PS may see. Otherwise 404 like a missing one.
 */
import type { List } from 'fhir/r4.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../platform/http/app-error.ts';
import { systems } from './document-codes.ts';
import { rppsLookup } from './document-reference.routes.ts';
import type { FhirAuth } from './fhir-auth.ts';
import { fhirIdSchema, fromFhirId, toFhirId } from './fhir-ids.ts';
import type { FhirDeps } from './fhir.deps.ts';

/** The MHD SubmissionSet profile and list type (IHE MHD 4.2). */
export const SUBMISSION_SET_PROFILE =
  'https://profiles.ihe.net/ITI/MHD/StructureDefinition/IHE.MHD.Minimal.SubmissionSet';
const listTypes = 'https://profiles.ihe.net/ITI/MHD/CodeSystem/MHDlistTypes';

/** Registers List read. */
export function registerSubmissionSetRoutes(
  app: FastifyInstance,
  deps: FhirDeps,
  auth: FhirAuth,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/List/:id',
    { schema: { params: z.strictObject({ id: fhirIdSchema }) } },
    async (request): Promise<List> => {
      const ps = auth.professionalOf(request);
      const id = fromFhirId(request.params.id, 'sub');
      if (!id) throw notFound();
      const { set, documentIds } = await deps.proDocuments.findSubmissionSet(ps, id);
      const rppsOf = await rppsLookup(deps, [set.author_id]);
      const rpps = rppsOf(set.author_id);
      return {
        resourceType: 'List',
        id: toFhirId(set.id),
        meta: { profile: [SUBMISSION_SET_PROFILE] },
        ...(set.unique_id
          ? {
              identifier: [
                {
                  use: 'usual' as const,
                  ...(set.unique_id_system ? { system: set.unique_id_system } : {}),
                  value: set.unique_id,
                },
              ],
            }
          : {}),
        status: 'current',
        mode: 'working',
        code: { coding: [{ system: listTypes, code: 'submissionset' }] },
        subject: { reference: `Patient/${toFhirId(set.patient_id)}` },
        date: set.submitted_at,
        ...(rpps
          ? { source: { type: 'Practitioner', identifier: { system: systems.rpps, value: rpps } } }
          : {}),
        // FHIR arrays are never empty: a List whose documents the PS may not see has no entry.
        ...(documentIds.length
          ? {
              entry: documentIds.map((documentId) => ({
                item: { reference: `DocumentReference/${toFhirId(documentId)}` },
              })),
            }
          : {}),
      };
    },
  );
}
