/** HTTP routes of "Télécharger mes données": ask, follow, download. Thin: parse, call, answer. */
import { currentExportSchema, dataExportSchema } from '@carnet/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../../platform/files/file-names.ts';
import { notFound } from '../../platform/http/app-error.ts';
import type { SessionCookie } from '../sessions/sessions.http.ts';
import { requireSession } from '../sessions/sessions.http.ts';
import type { SessionsService } from '../sessions/sessions.service.ts';
import type { ExportsService } from './exports.service.ts';

/** The routes' dependencies. */
export interface ExportsRoutesDeps {
  exports: ExportsService;
  sessions: SessionsService;
  cookie: SessionCookie;
}

const emptyBody = z.union([z.strictObject({}), z.null(), z.undefined()]);

/** Registers /api/exports, /api/exports/current and /api/exports/:id/download. */
export const exportsRoutes: FastifyPluginAsyncZod<ExportsRoutesDeps> = async (app, deps) => {
  /** The titulaire of the signed-in session (ACCESS.md: an aidant may not export). */
  const patientOf = async (request: FastifyRequest): Promise<string> => {
    const session = await requireSession(request, deps.sessions, deps.cookie);
    if (!session.patient_id) throw notFound();
    return session.patient_id;
  };

  app.post(
    '/exports',
    { schema: { body: emptyBody, response: { 202: dataExportSchema } } },
    async (request, reply) => {
      return reply.status(202).send(await deps.exports.request(await patientOf(request)));
    },
  );

  app.get(
    '/exports/current',
    { schema: { response: { 200: currentExportSchema } } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { export: await deps.exports.current(await patientOf(request)) };
    },
  );

  app.get(
    '/exports/:id/download',
    { schema: { params: z.strictObject({ id: z.string().min(1).max(64) }) } },
    async (request, reply) => {
      const opened = await deps.exports.download(await patientOf(request), request.params.id);
      return reply
        .header('content-disposition', contentDisposition(opened.fileName, 'carnet.zip'))
        .header('cache-control', 'no-store')
        .type('application/zip')
        .send(opened.stream);
    },
  );
};
