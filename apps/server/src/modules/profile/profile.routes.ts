/**
 * `/api/profile/*` on the selected profile (issue 13: the titulaire, her legal representative or
 * her aidant, resolved by the one acting-person resolver). Thin: parse, call, answer.
 */
import {
  measureCodeSchema,
  measureTargetSchema,
  medicalProfileSchema,
  profileEntryInputSchema,
  profileEntryMaskSchema,
  profileEntrySchema,
  profileRubriqueCodes,
  profileRubriqueSchema,
  profileRubriqueSettingsSchema,
  syntheseRequestSchema,
  syntheseSavedSchema,
} from '@carnet/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ActingPersonResolver } from '../sessions/acting-person.ts';
import type { ProfileService } from './profile.service.ts';
import type { SyntheseService } from './synthese.service.ts';

/** The routes' dependencies. */
export interface ProfileRoutesDeps {
  profile: ProfileService;
  synthese: SyntheseService;
  actingPerson: Pick<ActingPersonResolver, 'require'>;
}

const empty = z.null().or(z.undefined());
const idParams = z.strictObject({ id: z.string().min(1).max(64) });
/** `?rubriques=maladies,allergies` (default: every rubrique). */
const syntheseQuery = z.strictObject({
  rubriques: z
    .string()
    .max(500)
    .optional()
    .transform((s) => (s ? s.split(',') : [...profileRubriqueCodes]))
    .pipe(z.array(profileRubriqueSchema).min(1).max(10)),
});

/** Registers the profile routes of the patient. */
export const profileRoutes: FastifyPluginAsyncZod<ProfileRoutesDeps> = async (app, deps) => {
  const { profile, synthese } = deps;
  const reader = (request: Parameters<ActingPersonResolver['require']>[0]) =>
    deps.actingPerson.require(request, 'data.read');
  const writer = (request: Parameters<ActingPersonResolver['require']>[0]) =>
    deps.actingPerson.require(request, 'data.write');

  app.get('/profile', { schema: { response: { 200: medicalProfileSchema } } }, async (request) => {
    const person = await reader(request);
    return profile.get(person.patientId, person);
  });

  app.post(
    '/profile/entries',
    { schema: { body: profileEntryInputSchema, response: { 201: profileEntrySchema } } },
    async (request, reply) => {
      const person = await writer(request);
      return reply.status(201).send(await profile.add(person.patientId, request.body, person));
    },
  );

  app.put(
    '/profile/entries/:id',
    {
      schema: {
        params: idParams,
        body: profileEntryInputSchema,
        response: { 200: profileEntrySchema },
      },
    },
    async (request) => {
      const person = await writer(request);
      return profile.update(person.patientId, request.params.id, request.body, person);
    },
  );

  app.patch(
    '/profile/entries/:id',
    {
      schema: {
        params: idParams,
        body: profileEntryMaskSchema,
        response: { 200: profileEntrySchema },
      },
    },
    async (request) => {
      const person = await writer(request);
      return profile.mask(person.patientId, request.params.id, request.body.masked, person);
    },
  );

  app.delete(
    '/profile/entries/:id',
    { schema: { params: idParams, response: { 204: empty } } },
    async (request, reply) => {
      const person = await writer(request);
      await profile.remove(person.patientId, request.params.id, person);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/profile/rubriques/:rubrique',
    {
      schema: {
        params: z.strictObject({ rubrique: profileRubriqueSchema }),
        body: profileRubriqueSettingsSchema,
        response: {
          200: z.strictObject({ notConcerned: z.boolean(), masked: z.boolean() }),
        },
      },
    },
    async (request) => {
      const person = await writer(request);
      return profile.setRubrique(person.patientId, request.params.rubrique, request.body, person);
    },
  );

  app.put(
    '/profile/targets/:measure',
    {
      schema: {
        params: z.strictObject({ measure: measureCodeSchema }),
        body: measureTargetSchema,
        response: { 200: measureTargetSchema },
      },
    },
    async (request) => {
      const person = await writer(request);
      return profile.setTarget(person.patientId, request.params.measure, request.body, person);
    },
  );

  app.get(
    '/profile/synthese.pdf',
    { schema: { querystring: syntheseQuery } },
    async (request, reply) => {
      const person = await reader(request);
      const pdf = await synthese.pdf(person.patientId, request.query.rubriques, person);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', 'attachment; filename="synthese-medicale.pdf"')
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  app.post(
    '/profile/synthese/document',
    { schema: { body: syntheseRequestSchema, response: { 201: syntheseSavedSchema } } },
    async (request, reply) => {
      const person = await writer(request);
      const documentId = await synthese.save(person.patientId, request.body.rubriques, person);
      return reply.status(201).send({ documentId });
    },
  );

  app.get(
    '/profile/ips.json',
    { schema: { querystring: syntheseQuery } },
    async (request, reply) => {
      const person = await reader(request);
      const bundle = await synthese.ips(person.patientId, request.query.rubriques, person);
      return reply
        .header('content-type', 'application/fhir+json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="synthese-ips.json"')
        .header('cache-control', 'no-store')
        .send(JSON.stringify(bundle));
    },
  );
};
