/** HTTP routes of "Télécharger mes données": ask, follow, download. Thin: parse, call, answer. */
import { currentExportSchema, dataExportSchema } from '@carnet/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../../platform/files/file-names.ts';
import { notFound } from '../../platform/http/app-error.ts';
import type { ActingPersonResolver } from '../sessions/acting-person.ts';
import { traceActorOf } from '../sessions/acting-person.ts';
import type { ExportRequester, ExportsService } from './exports.service.ts';

/** The routes' dependencies. */
export interface ExportsRoutesDeps {
  exports: ExportsService;
  actingPerson: ActingPersonResolver;
}

const emptyBody = z.union([z.strictObject({}), z.null(), z.undefined()]);

/** Registers /api/exports, /api/exports/current and /api/exports/:id/download. */
export const exportsRoutes: FastifyPluginAsyncZod<ExportsRoutesDeps> = async (app, deps) => {
  /**
   * The selected profile and who acts on it, when the one policy lets her export (ACCESS.md: the
   * titulaire, a legal representative of a minor; an aidant is refused, 403 traced).
   */
  const requesterOf = async (request: FastifyRequest): Promise<ExportRequester> => {
    const person = await deps.actingPerson.require(request, 'record.export');
    // The policy already refused an aidant; never build an archive for any other role.
    if (person.role === 'aidant') throw notFound();
    return {
      patientId: person.patientId,
      personId: person.personId,
      role: person.role,
      actor: traceActorOf(person),
    };
  };

  app.post(
    '/exports',
    { schema: { body: emptyBody, response: { 202: dataExportSchema } } },
    async (request, reply) => {
      return reply.status(202).send(await deps.exports.request(await requesterOf(request)));
    },
  );

  app.get(
    '/exports/current',
    { schema: { response: { 200: currentExportSchema } } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { export: await deps.exports.current(await requesterOf(request)) };
    },
  );

  app.get(
    '/exports/:id/download',
    { schema: { params: z.strictObject({ id: z.string().min(1).max(64) }) } },
    async (request, reply) => {
      const opened = await deps.exports.download(await requesterOf(request), request.params.id);
      return reply
        .header('content-disposition', contentDisposition(opened.fileName, 'carnet.zip'))
        .header('cache-control', 'no-store')
        .type('application/zip')
        .send(opened.stream);
    },
  );
};
