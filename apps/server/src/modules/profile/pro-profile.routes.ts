/**
 * `/api/pro/patients/:patientId/profile…` on a professional's session: read a shared rubrique,
 * add a vaccination or a measure. Whatever may not be seen answers 404 like a missing record.
 */
import {
  profileEntrySchema,
  proProfileEntryInputSchema,
  proProfileRubriqueSchema,
  profileRubriqueSchema,
} from '@carnet/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Professional } from '../professionals/professionals.service.ts';
import type { ProProfileService } from './pro-profile.service.ts';

/** The routes' dependencies. */
export interface ProProfileRoutesDeps {
  proProfile: ProProfileService;
  /** The signed-in professional, read fresh (401 otherwise). */
  professionalOf: (request: FastifyRequest) => Promise<Professional>;
}

const id = z.string().min(1).max(64);

/** Registers the professional's profile routes. */
export const proProfileRoutes: FastifyPluginAsyncZod<ProProfileRoutesDeps> = async (app, deps) => {
  app.get(
    '/pro/patients/:patientId/profile/:rubrique',
    {
      schema: {
        params: z.strictObject({ patientId: id, rubrique: profileRubriqueSchema }),
        response: { 200: proProfileRubriqueSchema },
      },
    },
    async (request) =>
      deps.proProfile.read(
        await deps.professionalOf(request),
        request.params.patientId,
        request.params.rubrique,
      ),
  );

  app.post(
    '/pro/patients/:patientId/profile',
    {
      schema: {
        params: z.strictObject({ patientId: id }),
        body: proProfileEntryInputSchema,
        response: { 201: profileEntrySchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await deps.proProfile.add(
            await deps.professionalOf(request),
            request.params.patientId,
            request.body.entry,
          ),
        ),
  );
};
