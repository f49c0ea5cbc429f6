/**
 * FHIR errors (STYLE.md "one error handler per surface": `/fhir` → OperationOutcome). Every error
 * under /fhir/R4 leaves as an OperationOutcome with the issue code FHIR R4 names for its status
 * (http://hl7.org/fhir/R4/valueset-issue-type.html); a 5xx never echoes internals.
 */
import type { OperationOutcome } from 'fhir/r4.js';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isConnectionError } from '../platform/db/database.ts';
import { AppError } from '../platform/http/app-error.ts';

/** An issue type of FHIR R4. */
export type IssueCode =
  | 'invalid'
  | 'structure'
  | 'required'
  | 'value'
  | 'login'
  | 'forbidden'
  | 'not-found'
  | 'not-supported'
  | 'conflict'
  | 'too-costly'
  | 'processing'
  | 'business-rule'
  | 'informational'
  | 'exception'
  | 'transient';

/** A FHIR error: an HTTP status, an issue code, a French diagnostic, where in the resource. */
export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly issueCode: IssueCode,
    message: string,
    readonly expression?: string,
  ) {
    super(message);
    this.name = 'FhirError';
  }
}

/** One OperationOutcome of one error issue. */
export function operationOutcome(
  issueCode: IssueCode,
  diagnostics: string,
  details?: { code?: string; expression?: string },
  severity: 'error' | 'information' = 'error',
): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity,
        code: issueCode,
        ...(details?.code ? { details: { text: details.code } } : {}),
        diagnostics,
        ...(details?.expression ? { expression: [details.expression] } : {}),
      },
    ],
  };
}

const byStatus: Record<number, IssueCode> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-supported',
  406: 'not-supported',
  409: 'conflict',
  412: 'conflict',
  413: 'too-costly',
  415: 'not-supported',
  422: 'processing',
  429: 'transient',
};

/** Installs the OperationOutcome error and not-found handlers on the FHIR plugin. */
export function installFhirErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | FhirError, request, reply) => {
    const send = (status: number, outcome: OperationOutcome) => {
      if (status === 401) void reply.header('www-authenticate', 'Bearer realm="carnet"');
      return reply.status(status).type('application/fhir+json').send(outcome);
    };
    if (error instanceof FhirError)
      return send(
        error.status,
        operationOutcome(error.issueCode, error.message, {
          ...(error.expression ? { expression: error.expression } : {}),
        }),
      );
    if (error instanceof AppError)
      return send(
        error.status,
        operationOutcome(byStatus[error.status] ?? 'processing', error.message, {
          code: error.code,
        }),
      );
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      return send(
        400,
        operationOutcome('invalid', first?.message ?? 'Requête invalide.', {
          ...(first?.instancePath ? { expression: first.instancePath.slice(1) } : {}),
        }),
      );
    }
    if (isConnectionError(error))
      return send(503, operationOutcome('transient', 'Service momentanément indisponible.'));
    const status =
      typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500
        ? error.statusCode
        : 500;
    if (status < 500) {
      const message =
        status === 413
          ? 'La requête est trop volumineuse.'
          : status === 415
            ? 'Type de contenu non pris en charge : envoyez application/fhir+json.'
            : 'Requête invalide.';
      return send(status, operationOutcome(byStatus[status] ?? 'invalid', message));
    }
    request.log.error({ err: { type: error.name, stack: error.stack } }, 'unhandled FHIR error');
    return send(500, operationOutcome('exception', 'Une erreur interne est survenue.'));
  });
  app.setNotFoundHandler((_request, reply) =>
    reply
      .status(404)
      .type('application/fhir+json')
      .send(operationOutcome('not-found', 'Ressource introuvable.')),
  );
}
