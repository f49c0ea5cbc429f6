/** Patient-side routes of access (`/api/access/...`): thin, a patient session on each. */
import {
  accessListSchema,
  directoryQuerySchema,
  directoryResultSchema,
  emergencySettingsSchema,
  professionalDetailSchema,
} from '@carnet/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ActingPersonResolver } from '../sessions/acting-person.ts';
import type { PatientAccessService } from './patient-access.service.ts';

/** The routes' dependencies. */
export interface AccessRoutesDeps {
  access: PatientAccessService;
  actingPerson: ActingPersonResolver;
}

const psParams = z.strictObject({ psId: z.string().min(1).max(64) });
const emptyBody = z.union([z.strictObject({}), z.null(), z.undefined()]);

/** Registers /api/access/*. */
export const accessRoutes: FastifyPluginAsyncZod<AccessRoutesDeps> = async (app, deps) => {
  // Grants, blocks and the directory: the titulaire or a representative, never an aidant.
  const session = (request: Parameters<ActingPersonResolver['require']>[0]) =>
    deps.actingPerson.require(request, 'access.manage');
  const emergency = (request: Parameters<ActingPersonResolver['require']>[0]) =>
    deps.actingPerson.require(request, 'emergency.settings');
  const change = { params: psParams, body: emptyBody, response: { 200: accessListSchema } };

  app.get(
    '/access/professionals',
    { schema: { response: { 200: accessListSchema } } },
    async (request) => deps.access.list(await session(request)),
  );

  app.post('/access/professionals/:psId/administrator', { schema: change }, async (request) =>
    deps.access.grantAdministrator(await session(request), request.params.psId),
  );

  app.delete('/access/professionals/:psId/administrator', { schema: change }, async (request) =>
    deps.access.revokeAdministrator(await session(request), request.params.psId),
  );

  app.post('/access/professionals/:psId/block', { schema: change }, async (request) =>
    deps.access.block(await session(request), request.params.psId),
  );

  app.post('/access/professionals/:psId/unblock', { schema: change }, async (request) =>
    deps.access.unblock(await session(request), request.params.psId),
  );

  app.get(
    '/access/professionals/:psId',
    { schema: { params: psParams, response: { 200: professionalDetailSchema } } },
    async (request) => deps.access.detail(await session(request), request.params.psId),
  );

  app.get(
    '/access/directory',
    { schema: { querystring: directoryQuerySchema, response: { 200: directoryResultSchema } } },
    async (request) => ({
      professionals: await deps.access.searchDirectory(await session(request), request.query.q),
    }),
  );

  app.get(
    '/access/emergency',
    { schema: { response: { 200: emergencySettingsSchema } } },
    async (request) => deps.access.emergencySettings(await emergency(request)),
  );

  app.put(
    '/access/emergency',
    { schema: { body: emergencySettingsSchema, response: { 200: emergencySettingsSchema } } },
    async (request) => deps.access.saveEmergencySettings(await emergency(request), request.body),
  );
};
