/** AuditEvent search (placeholder until implemented; not listed in the CapabilityStatement). */
import type { FastifyInstance } from 'fastify';
import type { FhirAuth } from './fhir-auth.ts';
import type { FhirDeps } from './fhir.deps.ts';

/** Registers the AuditEvent search. */
export function registerAuditEventRoutes(
  _app: FastifyInstance,
  _deps: FhirDeps,
  _auth: FhirAuth,
): void {}
