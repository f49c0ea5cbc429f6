/**
 * What the routes moving document bytes share, on the patient's and the professional's side alike:
 * the multipart limits and reader (one file, streamed into the blob store) and the headers of every
 * response that carries document bytes.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition } from '../../platform/files/file-names.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { IncomingFile, StagedUpload } from './document-upload.service.ts';
import type { OpenedFile } from './document-views.service.ts';
import { documentsErrors } from './documents.errors.ts';

/** Explicit limits on everything the multipart parser reads (SECURITY.md "Files"). */
export function uploadLimits(maxBytes: number) {
  return {
    fileSize: maxBytes,
    files: 1,
    fields: 10,
    fieldSize: 1024,
    fieldNameSize: 64,
    parts: 12,
    headerPairs: 20,
  };
}

/** Headers of every response carrying document bytes: never cached, never sniffed, never run. */
export function fileHeaders(reply: FastifyReply, contentType: string) {
  return reply
    .header('content-type', contentType)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .header('content-security-policy', "default-src 'none'; sandbox");
}

/** Sends a download: the original name in `Content-Disposition`, text declared as UTF-8. */
export function sendDownload(reply: FastifyReply, file: OpenedFile) {
  const type = file.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : file.contentType;
  return fileHeaders(reply, type)
    .header('content-disposition', contentDisposition(file.fileName))
    .header('content-length', String(file.size))
    .send(file.stream);
}

/** The wire error for what the multipart parser refused. */
export function multipartError(error: unknown, maxBytes: number): unknown {
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

/**
 * Reads one upload: the text fields, and the one file streamed through `stage` (fields may come
 * before or after it). On any failure the staged blob is discarded and the connection closes after
 * the answer, since the rest of the body is not read.
 */
export async function receiveUpload(
  request: FastifyRequest,
  reply: FastifyReply,
  input: {
    maxBytes: number;
    stage: (file: IncomingFile) => Promise<StagedUpload>;
    discard: (staged: StagedUpload) => Promise<void>;
  },
): Promise<{ fields: Record<string, string>; staged: StagedUpload }> {
  if (!request.isMultipart()) throw new AppError('request.invalid', 400, 'Requête invalide.');
  const limits = uploadLimits(input.maxBytes);
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
      part.file.once('limit', () => part.file.destroy(documentsErrors.tooLarge(input.maxBytes)));
      staged = await input.stage({
        stream: part.file,
        fileName: part.filename,
        contentType: part.mimetype,
      });
    }
  } catch (error) {
    if (staged) await input.discard(staged);
    void reply.header('connection', 'close');
    throw multipartError(error, input.maxBytes);
  }
  if (!staged) throw documentsErrors.fileMissing();
  return { fields, staged };
}
