/** ITI-65 (placeholder). */
import type { FastifyInstance } from 'fastify';
import type { FhirAuth } from './fhir-auth.ts';
import type { FhirDeps } from './fhir.deps.ts';

/** Registers the transaction endpoint. */
export function registerTransactionRoutes(
  _app: FastifyInstance,
  _deps: FhirDeps,
  _auth: FhirAuth,
): void {}
