/** What the documents routes share: their dependencies and the actor of a request. */
import type { FastifyRequest } from 'fastify';
import type { Action } from '../access/access.policy.ts';
import type { ActingPersonResolver } from '../sessions/acting-person.ts';
import type { DocumentUploadService } from './document-upload.service.ts';
import type { DocumentViewsService } from './document-views.service.ts';
import type { DocumentActor } from './documents.policy.ts';
import type { DocumentsService } from './documents.service.ts';
import type { FoldersService } from './folders.service.ts';

/** The routes' dependencies. */
export interface DocumentsRoutesDeps {
  documents: DocumentsService;
  uploads: DocumentUploadService;
  views: DocumentViewsService;
  folders: FoldersService;
  actingPerson: ActingPersonResolver;
  maxDocumentBytes: number;
}

/**
 * The patient side's documents actor: the selected profile and who acts on it (titulaire,
 * representative or aidant), allowed `action` by the one policy (the professional side registers
 * its own routes).
 */
export function patientActorOf(deps: Pick<DocumentsRoutesDeps, 'actingPerson'>) {
  return async (
    request: FastifyRequest,
    action: Action = 'document.read',
  ): Promise<DocumentActor> => {
    const person = await deps.actingPerson.require(request, action);
    return {
      type: 'patient',
      patientId: person.patientId,
      ...(person.role === 'titulaire'
        ? {}
        : { acting: { role: person.role, personId: person.personId } }),
    };
  };
}
