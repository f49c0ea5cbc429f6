/**
 * What the messaging routes share: reading a message sent as multipart (text fields and up to 10
 * files, each streamed into the blob store as it arrives), the field validation in French, and
 * the headers of an attachment download. On any failure every staged blob is removed.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { MESSAGE_ATTACHMENTS_MAX, MESSAGE_BODY_MAX } from '@carnet/shared';
import { FileRejectedError } from '../../platform/files/file-inspector.ts';
import { contentDisposition } from '../../platform/files/file-names.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { IncomingAttachment, StagedAttachment } from './message-files.ts';
import { messagingErrors } from './messaging.errors.ts';

/** Explicit limits on everything the multipart parser reads (SECURITY.md "Files"). */
export function messageUploadLimits(maxFileBytes: number) {
  return {
    fileSize: maxFileBytes,
    files: MESSAGE_ATTACHMENTS_MAX,
    fields: 2 + MESSAGE_ATTACHMENTS_MAX,
    // 10,000 characters of up to 4 UTF-8 bytes each.
    fieldSize: MESSAGE_BODY_MAX * 4,
    fieldNameSize: 64,
    parts: 2 * MESSAGE_ATTACHMENTS_MAX + 4,
    headerPairs: 20,
  };
}

/** What a message upload carries once read. */
export interface ReceivedMessage {
  fields: Record<string, string | string[]>;
  staged: StagedAttachment[];
}

function multipartError(error: unknown, maxFileBytes: number): unknown {
  if (error instanceof AppError) return error;
  switch ((error as { code?: unknown } | null)?.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return messagingErrors.fromRejection('too_large', maxFileBytes);
    case 'FST_FILES_LIMIT':
      return messagingErrors.tooManyAttachments();
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return messagingErrors.invalidFields({ _: 'Trop d’informations dans l’envoi' });
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
    case 'FST_PROTO_VIOLATION':
      return new AppError('request.invalid', 400, 'Requête invalide.');
    default:
      return error;
  }
}

/**
 * Reads a message: text fields (`documentId` may repeat) and files, each file staged through
 * `stageFile` with the bytes already staged; `documentId`s are staged by `stageDocument` at the end.
 */
export async function receiveMessage(
  request: FastifyRequest,
  reply: FastifyReply,
  input: {
    maxFileBytes: number;
    stageFile: (file: IncomingAttachment, bytesSoFar: number) => Promise<StagedAttachment>;
    stageDocument?: (documentId: string, bytesSoFar: number) => Promise<StagedAttachment>;
    discard: (staged: readonly StagedAttachment[]) => Promise<void>;
  },
): Promise<ReceivedMessage> {
  if (!request.isMultipart()) throw new AppError('request.invalid', 400, 'Requête invalide.');
  const fields: Record<string, string | string[]> = {};
  const documentIds: string[] = [];
  const staged: StagedAttachment[] = [];
  const bytes = () => staged.reduce((n, s) => n + s.file.size, 0);
  try {
    for await (const part of request.parts({ limits: messageUploadLimits(input.maxFileBytes) })) {
      if (part.type === 'field') {
        const value = part.value;
        if (part.fieldname === 'body' && part.valueTruncated) throw bodyTooLong();
        if (part.valueTruncated || typeof value !== 'string')
          throw messagingErrors.invalidFields({ [part.fieldname]: 'Valeur invalide' });
        if (part.fieldname === 'documentId' && input.stageDocument) documentIds.push(value);
        else if (part.fieldname in fields)
          throw messagingErrors.invalidFields({ [part.fieldname]: 'Valeur invalide' });
        else fields[part.fieldname] = value;
        continue;
      }
      // busboy stops at the per-file limit: turn that into the inspector's verdict.
      part.file.once('limit', () => part.file.destroy(new FileRejectedError('too_large')));
      const file = { stream: part.file, fileName: part.filename, contentType: part.mimetype };
      staged.push(await input.stageFile(file, bytes()));
    }
    if (staged.length + documentIds.length > MESSAGE_ATTACHMENTS_MAX)
      throw messagingErrors.tooManyAttachments();
    for (const id of documentIds) staged.push(await input.stageDocument!(id, bytes()));
  } catch (error) {
    await input.discard(staged);
    void reply.header('connection', 'close');
    throw multipartError(error, input.maxFileBytes);
  }
  return { fields, staged };
}

const bodyTooLong = () =>
  new AppError('request.invalid', 400, 'Le message ne peut pas dépasser 10 000 caractères.', {
    body: 'Le message ne peut pas dépasser 10 000 caractères',
  });

/** Validates the text fields; a failure removes the staged blobs and answers in French. */
export async function parseMessageFields<S extends z.ZodType>(
  schema: S,
  received: ReceivedMessage,
  discard: (staged: readonly StagedAttachment[]) => Promise<void>,
): Promise<z.infer<S>> {
  const parsed = schema.safeParse(received.fields);
  if (parsed.success) return parsed.data;
  await discard(received.staged);
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.') || '_';
    fields[path] ??= received.fields[path] === undefined ? messageOfMissing(path) : issue.message;
  }
  const first = Object.values(fields)[0] ?? 'Certaines informations sont invalides';
  throw new AppError('request.invalid', 400, `${first}.`, fields);
}

const messageOfMissing = (field: string) =>
  field === 'body'
    ? 'Écrivez un message'
    : field === 'subject'
      ? 'L’objet du message est obligatoire'
      : 'Ce champ est obligatoire';

/** Sends an attachment: never cached, never sniffed, never run, as documents are. */
export function sendAttachment(
  reply: FastifyReply,
  file: { stream: NodeJS.ReadableStream; fileName: string; contentType: string; size: number },
) {
  const type = file.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : file.contentType;
  return reply
    .header('content-type', type)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('content-disposition', contentDisposition(file.fileName))
    .header('content-length', String(file.size))
    .send(file.stream);
}
