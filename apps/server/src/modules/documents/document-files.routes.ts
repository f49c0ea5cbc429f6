/**
 * HTTP routes that move document bytes: upload (multipart, streamed), download and previews
 * (decrypted as they stream). The multipart parser has explicit limits on everything it reads.
 */
import multipart from '@fastify/multipart';
import { documentPreviewSchema, documentSummarySchema } from '@carnet/shared';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../../platform/files/file-names.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { StagedUpload } from './document-upload.service.ts';
import { toDocumentSummary } from './documents.dto.ts';
import { documentsErrors } from './documents.errors.ts';
import type { DocumentsRoutesDeps } from './documents.http.ts';
import { patientActorOf } from './documents.http.ts';

const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const pageParams = z.strictObject({
  id: z.string().min(1).max(64),
  n: z.coerce.number().int().min(1).max(100),
});

/** Headers of every response carrying document bytes: never cached, never sniffed, never run. */
function fileHeaders(reply: FastifyReply, contentType: string) {
  return reply
    .header('content-type', contentType)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .header('content-security-policy', "default-src 'none'; sandbox");
}

/** The wire error for what the multipart parser refused. */
function multipartError(error: unknown, maxBytes: number): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return documentsErrors.tooLarge(maxBytes);
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return documentsErrors.tooManyParts();
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return new AppError('request.invalid', 400, 'Requête invalide.');
    default:
      return error;
  }
}

/** Registers the upload, download and preview routes. */
export const documentFilesRoutes: FastifyPluginAsyncZod<DocumentsRoutesDeps> = async (
  app,
  deps,
) => {
  const actorOf = patientActorOf(deps);
  const { uploads, views, documents } = deps;
  const maxBytes = deps.maxDocumentBytes;
  const limits = {
    fileSize: maxBytes,
    files: 1,
    fields: 10,
    fieldSize: 1024,
    fieldNameSize: 64,
    parts: 12,
    headerPairs: 20,
  };
  await app.register(multipart, { limits });

  // One file per request (the web sends one request per file); fields may come before or after it.
  app.post(
    '/documents',
    { schema: { response: { 201: documentSummarySchema } } },
    async (request, reply) => {
      const actor = await actorOf(request);
      if (!request.isMultipart()) throw new AppError('request.invalid', 400, 'Requête invalide.');
      const fields: Record<string, string> = {};
      let staged: StagedUpload | undefined;
      try {
        for await (const part of request.parts({ limits })) {
          if (part.type === 'field') {
            if (part.valueTruncated || typeof part.value !== 'string' || part.fieldname in fields)
              throw documentsErrors.invalidFields({ [part.fieldname]: 'Valeur invalide' });
            fields[part.fieldname] = part.value;
            continue;
          }
          // busboy stops at the limit and says so: turn that into our 413 before anything commits.
          part.file.once('limit', () => part.file.destroy(documentsErrors.tooLarge(maxBytes)));
          staged = await uploads.stage(actor.patientId, {
            stream: part.file,
            fileName: part.filename,
            contentType: part.mimetype,
          });
        }
      } catch (error) {
        if (staged) await uploads.discard(staged);
        // The rest of the body is not read: end the connection after the answer.
        void reply.header('connection', 'close');
        throw multipartError(error, maxBytes);
      }
      if (!staged) throw documentsErrors.fileMissing();
      const id = await uploads.commit({
        staged,
        fields,
        author: { type: 'patient' },
        actor: { type: 'patient', id: actor.patientId },
      });
      const row = await documents.getVisible(actor, id);
      return reply.status(201).send(toDocumentSummary(actor, row));
    },
  );

  app.get('/documents/:id/download', { schema: { params: idParams } }, async (request, reply) => {
    const file = await views.download(await actorOf(request), request.params.id);
    const type = file.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : file.contentType;
    return fileHeaders(reply, type)
      .header('content-disposition', contentDisposition(file.fileName))
      .header('content-length', String(file.size))
      .send(file.stream);
  });

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
