/**
 * `Patient` read and search by INS, `$consent` and `$emergency-access` (INTEROP.md): the same
 * service calls as `/api/pro/patients/...`, so the same decisions, traces and e-mails.
 */
import { emergencyAccessRequestSchema, insSchema } from '@carnet/shared';
import type { Bundle, Parameters, Patient } from 'fhir/r4.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ProAccess } from '@carnet/shared';
import type { Patient as PatientRow } from '../modules/patients/patients.service.ts';
import { systems } from './document-codes.ts';
import type { FhirAuth } from './fhir-auth.ts';
import { fhirIdSchema, fromFhirId, toFhirId } from './fhir-ids.ts';
import type { FhirDeps } from './fhir.deps.ts';
import { FhirError } from './operation-outcome.ts';
import { requireValidR4 } from './r4-schema.ts';
import { searchSetOf, parseSearchQuery } from './search-params.ts';

/** The extension carrying this professional's access (grant, read mode, emergency end). */
export const ACCESS_EXTENSION =
  'https://carnet.sante.fr/fhir/StructureDefinition/professional-access';

/** A record as a FHIR Patient, with this professional's access in an extension. */
export function toFhirPatient(record: PatientRow, access: ProAccess): Patient {
  return {
    resourceType: 'Patient',
    id: toFhirId(record.id),
    identifier: [{ system: systems.ins, value: record.ins }],
    name: [{ family: record.last_name, given: [record.first_name] }],
    birthDate: record.birth_date,
    extension: [
      {
        url: ACCESS_EXTENSION,
        extension: [
          { url: 'grant', valueCode: access.grant },
          ...(access.readMode ? [{ url: 'readMode', valueCode: access.readMode }] : []),
          ...(access.emergency
            ? [
                { url: 'emergencyMode', valueCode: access.emergency.mode },
                { url: 'emergencyUntil', valueDateTime: access.emergency.until },
              ]
            : []),
        ],
      },
    ],
  };
}

const idParams = z.strictObject({ id: fhirIdSchema });

/** The patient id of a FHIR id (undefined → 404 like a missing record). */
const patientIdOf = (fhirId: string) => fromFhirId(fhirId, 'pat') ?? 'pat_unknown';

/** A `Parameters` body's value of one parameter name. */
function parameterOf(body: unknown, name: string): string | undefined {
  requireValidR4(body);
  const parsed = z
    .object({
      resourceType: z.literal('Parameters'),
      parameter: z
        .array(
          z.object({
            name: z.string(),
            valueString: z.string().optional(),
            valueCode: z.string().optional(),
          }),
        )
        .max(10)
        .optional(),
    })
    .safeParse(body);
  if (!parsed.success)
    throw new FhirError(400, 'structure', 'Le corps attendu est une ressource Parameters.');
  const p = parsed.data.parameter?.find((x) => x.name === name);
  return p?.valueCode ?? p?.valueString;
}

/** Registers Patient read, search and operations. */
export function registerPatientRoutes(app: FastifyInstance, deps: FhirDeps, auth: FhirAuth): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = `${deps.publicUrl.replace(/\/$/, '')}/fhir/R4`;

  r.get('/Patient', async (request): Promise<Bundle> => {
    const ps = auth.professionalOf(request);
    const query = parseSearchQuery(request, { allowed: ['identifier'] });
    const identifier = query.params.get('identifier')?.[0];
    const match = identifier ? /^urn:oid:1\.2\.250\.1\.213\.1\.4\.8\|(.+)$/.exec(identifier) : null;
    if (!match)
      throw new FhirError(
        400,
        'required',
        'Recherche par INS uniquement : identifier=urn:oid:1.2.250.1.213.1.4.8|<INS>.',
        'identifier',
      );
    const ins = insSchema.safeParse(match[1]);
    let entries: Patient[] = [];
    if (ins.success) {
      try {
        const found = await deps.proAccess.findPatientBy(ps, { ins: ins.data });
        entries = [toFhirPatient(found.record, found.access)];
      } catch (error) {
        // Not found and not allowed look the same: an empty searchset (the denial is traced).
        if (!(error instanceof Error && 'status' in error && error.status === 404)) throw error;
      }
    }
    return searchSetOf({ base, type: 'Patient', self: query.selfQuery, resources: entries });
  });

  r.get('/Patient/:id', { schema: { params: idParams } }, async (request) => {
    const found = await deps.proAccess.findPatientBy(auth.professionalOf(request), {
      id: patientIdOf(request.params.id),
    });
    return toFhirPatient(found.record, found.access);
  });

  r.post('/Patient/:id/$consent', { schema: { params: idParams } }, async (request) => {
    const ps = auth.professionalOf(request);
    // The operation takes no parameter; a body sent anyway must still be a valid resource.
    if (request.body !== undefined && request.body !== null) requireValidR4(request.body);
    const patientId = patientIdOf(request.params.id);
    await deps.proAccess.recordConsent(ps, patientId);
    const found = await deps.proAccess.findPatientBy(ps, { id: patientId });
    return toFhirPatient(found.record, found.access);
  });

  r.post('/Patient/:id/$emergency-access', { schema: { params: idParams } }, async (request) => {
    const ps = auth.professionalOf(request);
    const mode = z.enum(['samu', 'bris-de-glace']).safeParse(parameterOf(request.body, 'mode'));
    if (!mode.success)
      throw new FhirError(400, 'value', 'Le mode est « samu » ou « bris-de-glace ».', 'mode');
    const reason = emergencyAccessRequestSchema.shape.reason.safeParse(
      parameterOf(request.body, 'reason') ?? '',
    );
    if (!reason.success)
      throw new FhirError(
        400,
        'required',
        'Le motif de l’accès en urgence est obligatoire.',
        'reason',
      );
    const patientId = patientIdOf(request.params.id);
    await deps.proAccess.openEmergency(ps, patientId, { mode: mode.data, reason: reason.data });
    const found = await deps.proAccess.findPatientBy(ps, { id: patientId });
    const out: Parameters = {
      resourceType: 'Parameters',
      parameter: [{ name: 'return', resource: toFhirPatient(found.record, found.access) }],
    };
    return out;
  });
}
