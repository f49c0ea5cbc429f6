/**
 * Our ids in FHIR: `doc_abc…` becomes `doc-abc…` because a FHIR id is `[A-Za-z0-9\-\.]{1,64}`
 * (http://hl7.org/fhir/R4/datatypes.html#id); the mapping is one-to-one since our ids hold no `-`.
 */
import { z } from 'zod';

/** Our id → FHIR id. */
export const toFhirId = (id: string): string => id.replace('_', '-');

/** FHIR id → our id (undefined when it cannot be one of ours: answers 404 like a missing row). */
export function fromFhirId(fhirId: string, prefix: string): string | undefined {
  const match = /^([a-z][a-z0-9]{0,15})-([a-z2-7]{1,40})$/.exec(fhirId);
  if (!match || match[1] !== prefix) return undefined;
  return `${match[1]}_${match[2]}`;
}

/** A FHIR `id` path parameter. */
export const fhirIdSchema = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'Identifiant FHIR invalide');
