/** HTTP routes of the document vault's metadata, folders and settings. Thin: parse, call, answer. */
import {
  bulkConfidentialityResultSchema,
  bulkConfidentialitySchema,
  documentListQuerySchema,
  documentListSchema,
  documentReportSchema,
  documentSettingsSchema,
  documentSummarySchema,
  documentUpdateSchema,
  folderInputSchema,
  folderListSchema,
  folderSchema,
} from '@carnet/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documentFilesRoutes } from './document-files.routes.ts';
import type { DocumentsRoutesDeps } from './documents.http.ts';
import { patientActorOf } from './documents.http.ts';

const empty = z.null().or(z.undefined());
const idParams = z.strictObject({ id: z.string().min(1).max(64) });

/** Registers /api/documents/* and /api/folders/*. */
export const documentsRoutes: FastifyPluginAsyncZod<DocumentsRoutesDeps> = async (app, deps) => {
  const actorOf = patientActorOf(deps);
  const { documents, folders } = deps;

  await app.register(documentFilesRoutes, deps);

  app.get(
    '/documents',
    { schema: { querystring: documentListQuerySchema, response: { 200: documentListSchema } } },
    async (request) => documents.list(await actorOf(request), request.query),
  );

  app.get(
    '/documents/settings',
    { schema: { response: { 200: documentSettingsSchema } } },
    async (request) => documents.getSettings(await actorOf(request)),
  );

  app.put(
    '/documents/settings',
    { schema: { body: documentSettingsSchema, response: { 200: documentSettingsSchema } } },
    async (request) => documents.setSettings(await actorOf(request, 'access.manage'), request.body),
  );

  app.post(
    '/documents/confidentiality',
    {
      schema: {
        body: bulkConfidentialitySchema,
        response: { 200: bulkConfidentialityResultSchema },
      },
    },
    async (request) =>
      documents.setConfidentiality(
        await actorOf(request, 'document.edit'),
        request.body.ids,
        request.body.confidentiality,
      ),
  );

  app.get(
    '/documents/:id',
    { schema: { params: idParams, response: { 200: documentSummarySchema } } },
    async (request) => documents.get(await actorOf(request), request.params.id),
  );

  app.patch(
    '/documents/:id',
    {
      schema: {
        params: idParams,
        body: documentUpdateSchema,
        response: { 200: documentSummarySchema },
      },
    },
    async (request) =>
      documents.update(await actorOf(request, 'document.edit'), request.params.id, request.body),
  );

  app.delete(
    '/documents/:id',
    { schema: { params: idParams, response: { 204: empty } } },
    async (request, reply) => {
      await documents.remove(await actorOf(request, 'document.delete'), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/documents/:id/report',
    { schema: { params: idParams, body: documentReportSchema, response: { 202: empty } } },
    async (request, reply) => {
      await documents.report(await actorOf(request), request.params.id, request.body.message);
      return reply.status(202).send(null);
    },
  );

  app.get('/folders', { schema: { response: { 200: folderListSchema } } }, async (request) => ({
    folders: await folders.list(await actorOf(request)),
  }));

  app.post(
    '/folders',
    { schema: { body: folderInputSchema, response: { 201: folderSchema } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await folders.create(await actorOf(request, 'document.edit'), request.body.name)),
  );

  app.patch(
    '/folders/:id',
    { schema: { params: idParams, body: folderInputSchema, response: { 200: folderSchema } } },
    async (request) =>
      folders.rename(await actorOf(request, 'document.edit'), request.params.id, request.body.name),
  );

  app.delete(
    '/folders/:id',
    { schema: { params: idParams, response: { 204: empty } } },
    async (request, reply) => {
      await folders.remove(await actorOf(request, 'document.edit'), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
