/**
 * `/api/pro/patients/:patientId/documents…` on a professional's session: list, previews and
 * download (same headers as the patient's), add (multipart), mask / invisibility and logical
 * deletion by the author. Thin: every decision is the service's, through the access gate; whatever
 * the professional may not see answers 404 like a missing record.
 */
import multipart from '@fastify/multipart';
import {
  documentPreviewSchema,
  proDocumentListQuerySchema,
  proDocumentListSchema,
  proDocumentSummarySchema,
  proDocumentUpdateSchema,
} from '@carnet/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Professional } from '../professionals/professionals.service.ts';
import { fileHeaders, receiveUpload, sendDownload, uploadLimits } from './document-files.http.ts';
import type { ProDocumentWritesService } from './pro-document-writes.service.ts';
import type { ProDocumentReadsService } from './pro-documents.service.ts';

/** The routes' dependencies. */
export interface ProDocumentsRoutesDeps {
  proDocuments: ProDocumentReadsService & ProDocumentWritesService;
  /** The signed-in professional, read fresh (401 otherwise). */
  professionalOf: (request: FastifyRequest) => Promise<Professional>;
  maxDocumentBytes: number;
}

const id = z.string().min(1).max(64);
const listParams = z.strictObject({ patientId: id });
const docParams = z.strictObject({ patientId: id, docId: id });
const pageParams = z.strictObject({
  patientId: id,
  docId: id,
  n: z.coerce.number().int().min(1).max(100),
});
const empty = z.null().or(z.undefined());
const base = '/pro/patients/:patientId/documents';

/** Registers the professional's document routes. */
export const proDocumentsRoutes: FastifyPluginAsyncZod<ProDocumentsRoutesDeps> = async (
  app,
  deps,
) => {
  const { proDocuments: service, professionalOf } = deps;
  const maxBytes = deps.maxDocumentBytes;
  await app.register(multipart, { limits: uploadLimits(maxBytes) });

  app.get(
    base,
    {
      schema: {
        params: listParams,
        querystring: proDocumentListQuerySchema,
        response: { 200: proDocumentListSchema },
      },
    },
    async (request) =>
      service.list(await professionalOf(request), request.params.patientId, request.query),
  );

  // One file per request, as on the patient's side.
  app.post(
    base,
    { schema: { params: listParams, response: { 201: proDocumentSummarySchema } } },
    async (request, reply) => {
      const ps = await professionalOf(request);
      const { patientId } = request.params;
      const { fields, staged } = await receiveUpload(request, reply, {
        maxBytes,
        stage: (file) => service.stage(patientId, file),
        discard: (upload) => service.discard(upload),
      });
      return reply.status(201).send(await service.add(ps, patientId, { staged, fields }));
    },
  );

  app.patch(
    `${base}/:docId`,
    {
      schema: {
        params: docParams,
        body: proDocumentUpdateSchema,
        response: { 200: proDocumentSummarySchema },
      },
    },
    async (request) =>
      service.update(
        await professionalOf(request),
        request.params.patientId,
        request.params.docId,
        request.body,
      ),
  );

  app.delete(
    `${base}/:docId`,
    { schema: { params: docParams, response: { 204: empty } } },
    async (request, reply) => {
      const { patientId, docId } = request.params;
      await service.remove(await professionalOf(request), patientId, docId);
      return reply.status(204).send(null);
    },
  );

  app.get(`${base}/:docId/download`, { schema: { params: docParams } }, async (request, reply) => {
    const { patientId, docId } = request.params;
    return sendDownload(
      reply,
      await service.download(await professionalOf(request), patientId, docId),
    );
  });

  app.get(
    `${base}/:docId/preview`,
    { schema: { params: docParams, response: { 200: documentPreviewSchema } } },
    async (request) =>
      service.preview(
        await professionalOf(request),
        request.params.patientId,
        request.params.docId,
      ),
  );

  app.get(
    `${base}/:docId/preview/pages/:n`,
    { schema: { params: pageParams } },
    async (request, reply) => {
      const { patientId, docId, n } = request.params;
      const page = await service.page(await professionalOf(request), patientId, docId, n);
      return fileHeaders(reply, page.contentType).send(page.stream);
    },
  );

  app.get(
    `${base}/:docId/preview/text`,
    { schema: { params: docParams } },
    async (request, reply) => {
      const { patientId, docId } = request.params;
      const text = await service.text(await professionalOf(request), patientId, docId);
      return fileHeaders(reply, 'text/plain; charset=utf-8').send(text.stream);
    },
  );

  app.get(`${base}/:docId/thumbnail`, { schema: { params: docParams } }, async (request, reply) => {
    const { patientId, docId } = request.params;
    const thumbnail = await service.thumbnail(await professionalOf(request), patientId, docId);
    return fileHeaders(reply, 'image/webp').send(thumbnail.stream);
  });
};
