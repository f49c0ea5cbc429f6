/**
 * `Immunization` search and read (INTEROP.md): the profile's Vaccinations rubrique as the
 * professional space reads it — the same `proProfile.read` (ACCESS.md "reading a rubrique"), so the
 * same gate decision, the same `profile.read` trace per request and the same masked-entry filter.
 * A record the PS may not read is an empty searchset (as ITI-67 answers); an entry it may not see
 * answers 404 like a missing one.
 */
import type { ProfileEntry } from '@carnet/shared';
import { vaccineName, vaccines } from '@carnet/shared';
import type { Bundle, Immunization } from 'fhir/r4.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../platform/http/app-error.ts';
import { systems } from './document-codes.ts';
import { isNotFound } from './document-reference.routes.ts';
import type { FhirAuth } from './fhir-auth.ts';
import { fhirIdSchema, fromFhirId, toFhirId } from './fhir-ids.ts';
import type { FhirDeps } from './fhir.deps.ts';
import { FhirError } from './operation-outcome.ts';
import { parseSearchQuery, searchSetOf } from './search-params.ts';

/** Our vaccine codes (the profile's list, French calendar); "Autre vaccin" has none. */
export const VACCINE_SYSTEM = 'https://carnet.sante.fr/fhir/CodeSystem/vaccine';

/** The search parameters implemented. */
export const immunizationSearchParams = ['patient', 'patient.identifier'] as const;

/** One vaccination entry as an Immunization (R4 Immunization: status, vaccineCode, occurrence). */
export function toImmunization(entry: ProfileEntry, patientId: string): Immunization | undefined {
  const data = entry.data;
  if (data.type !== 'vaccination') return undefined;
  return {
    resourceType: 'Immunization',
    id: toFhirId(entry.id),
    status: 'completed',
    vaccineCode: {
      ...(data.vaccine === 'AUTRE'
        ? {}
        : {
            coding: [
              { system: VACCINE_SYSTEM, code: data.vaccine, display: vaccines[data.vaccine].label },
            ],
          }),
      text: vaccineName(data),
    },
    patient: { reference: `Patient/${toFhirId(patientId)}` },
    occurrenceDateTime: data.date,
    recorded: entry.createdAt,
    // Entered by a professional = a primary source; by the patient = reported (R4 Immunization).
    primarySource: entry.author.type === 'professional',
    ...(data.lot ? { lotNumber: data.lot } : {}),
    ...(data.vaccinator ? { performer: [{ actor: { display: data.vaccinator } }] } : {}),
    protocolApplied: [{ doseNumberString: data.dose === 'rappel' ? 'rappel' : 'primo' }],
  };
}

/** The patient id a search names: `patient` (reference) or `patient.identifier` (INS). */
async function patientOfSearch(
  deps: FhirDeps,
  params: Map<string, string[]>,
): Promise<string | undefined> {
  const ref = params.get('patient');
  const identifier = params.get('patient.identifier');
  if ((ref?.length ?? 0) + (identifier?.length ?? 0) > 1)
    throw new FhirError(400, 'value', 'Un seul patient par recherche.', 'patient');
  if (ref?.[0] !== undefined) {
    const match = /(?:^|\/)(?:Patient\/)?([A-Za-z0-9\-.]{1,64})$/.exec(ref[0]);
    return match?.[1] ? fromFhirId(match[1], 'pat') : undefined;
  }
  if (identifier?.[0] !== undefined) {
    const bar = identifier[0].indexOf('|');
    if (bar < 0 || identifier[0].slice(0, bar) !== systems.ins)
      throw new FhirError(
        400,
        'value',
        `Identifiant attendu : ${systems.ins}|<INS>.`,
        'patient.identifier',
      );
    return (await deps.patients.findByIns(identifier[0].slice(bar + 1)))?.id;
  }
  throw new FhirError(
    400,
    'required',
    'Le paramètre patient ou patient.identifier est obligatoire.',
    'patient',
  );
}

/** Registers Immunization search and read. */
export function registerImmunizationRoutes(
  app: FastifyInstance,
  deps: FhirDeps,
  auth: FhirAuth,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = `${deps.publicUrl.replace(/\/$/, '')}/fhir/R4`;

  r.get('/Immunization', async (request): Promise<Bundle> => {
    const ps = auth.professionalOf(request);
    const query = parseSearchQuery(request, { allowed: immunizationSearchParams });
    // An unknown patient is read like any other so that it is traced and answers the same.
    const patientId = (await patientOfSearch(deps, query.params)) ?? 'pat_unknown';
    let resources: Immunization[] = [];
    try {
      const rubrique = await deps.proProfile.read(ps, patientId, 'vaccinations');
      resources = rubrique.entries.flatMap((e) => toImmunization(e, patientId) ?? []);
    } catch (error) {
      // A record the PS may not read looks like no record: an empty searchset (denial traced).
      if (!isNotFound(error)) throw error;
    }
    return searchSetOf({ base, type: 'Immunization', self: query.selfQuery, resources });
  });

  r.get(
    '/Immunization/:id',
    { schema: { params: z.strictObject({ id: fhirIdSchema }) } },
    async (request) => {
      const ps = auth.professionalOf(request);
      const entryId = fromFhirId(request.params.id, 'pme');
      const patientId = entryId && (await deps.proProfile.recordOfEntry(entryId));
      if (!entryId || !patientId) throw notFound();
      const rubrique = await deps.proProfile.read(ps, patientId, 'vaccinations');
      const entry = rubrique.entries.find((e) => e.id === entryId);
      const resource = entry && toImmunization(entry, patientId);
      if (!resource) throw notFound();
      return resource;
    },
  );
}
