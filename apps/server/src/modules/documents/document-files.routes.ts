/**
 * HTTP routes that move document bytes: upload (multipart, streamed), download and previews
 * (decrypted as they stream). The multipart parser has explicit limits on everything it reads.
 */
import multipart from '@fastify/multipart';
import { documentPreviewSchema, documentSummarySchema } from '@carnet/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fileHeaders, receiveUpload, sendDownload, uploadLimits } from './document-files.http.ts';
import { toDocumentSummary } from './documents.dto.ts';
import type { DocumentsRoutesDeps } from './documents.http.ts';
import { patientActorOf } from './documents.http.ts';
import { traceActor } from './documents.policy.ts';

const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const pageParams = z.strictObject({
  id: z.string().min(1).max(64),
  n: z.coerce.number().int().min(1).max(100),
});

/** Registers the upload, download and preview routes. */
export const documentFilesRoutes: FastifyPluginAsyncZod<DocumentsRoutesDeps> = async (
  app,
  deps,
) => {
  const actorOf = patientActorOf(deps);
  const { uploads, views, documents } = deps;
  const maxBytes = deps.maxDocumentBytes;
  await app.register(multipart, { limits: uploadLimits(maxBytes) });

  // One file per request (the web sends one request per file); fields may come before or after it.
  app.post(
    '/documents',
    { schema: { response: { 201: documentSummarySchema } } },
    async (request, reply) => {
      const actor = await actorOf(request, 'document.add');
      const { fields, staged } = await receiveUpload(request, reply, {
        maxBytes,
        stage: (file) => uploads.stage(actor.patientId, file),
        discard: (upload) => uploads.discard(upload),
      });
      const id = await uploads.commit({
        staged,
        fields,
        author: { type: 'patient' },
        actor: traceActor(actor),
      });
      const row = await documents.getVisible(actor, id);
      return reply.status(201).send(toDocumentSummary(actor, row));
    },
  );

  app.get('/documents/:id/download', { schema: { params: idParams } }, async (request, reply) =>
    sendDownload(reply, await views.download(await actorOf(request), request.params.id)),
  );

  app.get(
    '/documents/:id/preview',
    { schema: { params: idParams, response: { 200: documentPreviewSchema } } },
    async (request) => views.preview(await actorOf(request), request.params.id),
  );

  app.get(
    '/documents/:id/preview/pages/:n',
    { schema: { params: pageParams } },
    async (request, reply) => {
      const page = await views.page(await actorOf(request), request.params.id, request.params.n);
      return fileHeaders(reply, page.contentType).send(page.stream);
    },
  );

  app.get(
    '/documents/:id/preview/text',
    { schema: { params: idParams } },
    async (request, reply) => {
      const text = await views.text(await actorOf(request), request.params.id);
      return fileHeaders(reply, 'text/plain; charset=utf-8').send(text.stream);
    },
  );

  app.get('/documents/:id/thumbnail', { schema: { params: idParams } }, async (request, reply) => {
    const thumbnail = await views.thumbnail(await actorOf(request), request.params.id);
    return fileHeaders(reply, 'image/webp').send(thumbnail.stream);
  });
};
