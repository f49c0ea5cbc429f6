/** `/api/profile/*` on the titulaire's session. Thin: parse, call, answer. */
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
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/http/app-error.ts';
import type { SessionCookie } from '../sessions/sessions.http.ts';
import { requireSession } from '../sessions/sessions.http.ts';
import type { SessionsService } from '../sessions/sessions.service.ts';
import type { ProfileService } from './profile.service.ts';
import type { SyntheseService } from './synthese.service.ts';

/** The routes' dependencies. */
export interface ProfileRoutesDeps {
  profile: ProfileService;
  synthese: SyntheseService;
  sessions: SessionsService;
  cookie: SessionCookie;
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
  const patientOf = async (request: FastifyRequest): Promise<string> => {
    const session = await requireSession(request, deps.sessions, deps.cookie);
    if (!session.patient_id) throw new AppError('auth.required', 401, 'Veuillez vous connecter.');
    return session.patient_id;
  };

  app.get('/profile', { schema: { response: { 200: medicalProfileSchema } } }, async (request) =>
    profile.get(await patientOf(request)),
  );

  app.post(
    '/profile/entries',
    { schema: { body: profileEntryInputSchema, response: { 201: profileEntrySchema } } },
    async (request, reply) =>
      reply.status(201).send(await profile.add(await patientOf(request), request.body)),
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
    async (request) => profile.update(await patientOf(request), request.params.id, request.body),
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
    async (request) =>
      profile.mask(await patientOf(request), request.params.id, request.body.masked),
  );

  app.delete(
    '/profile/entries/:id',
    { schema: { params: idParams, response: { 204: empty } } },
    async (request, reply) => {
      await profile.remove(await patientOf(request), request.params.id);
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
    async (request) =>
      profile.setRubrique(await patientOf(request), request.params.rubrique, request.body),
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
    async (request) =>
      profile.setTarget(await patientOf(request), request.params.measure, request.body),
  );

  app.get(
    '/profile/synthese.pdf',
    { schema: { querystring: syntheseQuery } },
    async (request, reply) => {
      const pdf = await synthese.pdf(await patientOf(request), request.query.rubriques);
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
      const documentId = await synthese.save(await patientOf(request), request.body.rubriques);
      return reply.status(201).send({ documentId });
    },
  );

  app.get(
    '/profile/ips.json',
    { schema: { querystring: syntheseQuery } },
    async (request, reply) => {
      const bundle = await synthese.ips(await patientOf(request), request.query.rubriques);
      return reply
        .header('content-type', 'application/fhir+json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="synthese-ips.json"')
        .header('cache-control', 'no-store')
        .send(JSON.stringify(bundle));
    },
  );
};
