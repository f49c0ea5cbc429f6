/** Turns every error under /api into `{ error: { code, message } }`; a 5xx never echoes internals. */
import type { FastifyError, FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { isStorageFullError, isStorageUnavailableError } from '../blobs/blob-store.ts';
import { isConnectionError } from '../db/database.ts';
import { AppError } from './app-error.ts';

/** Installs the /api error and not-found handlers on an instance. */
export function installApiErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send({
        error: {
          code: error.code,
          message: error.message,
          ...(error.fields ? { fields: error.fields } : {}),
        },
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields: Record<string, string> = {};
      for (const issue of error.validation) {
        const path = (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.') || '_';
        fields[path] ??= issue.message ?? 'Valeur invalide.';
      }
      return reply.status(400).send({
        error: {
          code: 'request.invalid',
          message: 'Certaines informations sont invalides.',
          fields,
        },
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({
        err: { message: 'response failed its schema', route: request.routeOptions.url },
      });
      return reply
        .status(500)
        .send({ error: { code: 'internal', message: 'Une erreur interne est survenue.' } });
    }
    if (isStorageFullError(error)) {
      request.log.error({ code: 'ENOSPC' }, 'blob store full');
      return reply.status(507).send({
        error: {
          code: 'storage.full',
          message:
            'Le document n’a pas pu être enregistré : l’espace de stockage est plein. Réessayez plus tard.',
        },
      });
    }
    if (isConnectionError(error) || isStorageUnavailableError(error)) {
      request.log.warn(
        { code: (error as { code?: string }).code },
        'database or blob store unavailable',
      );
      return reply.status(503).send({
        error: {
          code: 'service.unavailable',
          message: 'Service momentanément indisponible. Réessayez dans quelques instants.',
        },
      });
    }
    const status =
      typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500
        ? error.statusCode
        : 500;
    if (status === 413)
      return reply.status(413).send({
        error: { code: 'request.too_large', message: 'La requête est trop volumineuse.' },
      });
    if (status < 500) {
      return reply
        .status(status)
        .send({ error: { code: 'request.invalid', message: 'Requête invalide.' } });
    }
    // Log the error class and stack only: messages of drivers may carry values.
    request.log.error({ err: { type: error.name, stack: error.stack } }, 'unhandled error');
    return reply
      .status(500)
      .send({ error: { code: 'internal', message: 'Une erreur interne est survenue.' } });
  });
}
