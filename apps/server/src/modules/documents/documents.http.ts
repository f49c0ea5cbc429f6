/** What the documents routes share: their dependencies and the actor of a request. */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/app-error.ts';
import type { SessionCookie } from '../sessions/sessions.http.ts';
import { requireSession } from '../sessions/sessions.http.ts';
import type { SessionsService } from '../sessions/sessions.service.ts';
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
  sessions: SessionsService;
  cookie: SessionCookie;
  maxDocumentBytes: number;
}

/** The signed-in titulaire as the documents actor (the professional side registers its own routes). */
export function patientActorOf(deps: Pick<DocumentsRoutesDeps, 'sessions' | 'cookie'>) {
  return async (request: FastifyRequest): Promise<DocumentActor> => {
    const session = await requireSession(request, deps.sessions, deps.cookie);
    if (!session.patient_id) throw new AppError('auth.required', 401, 'Veuillez vous connecter.');
    return { type: 'patient', patientId: session.patient_id };
  };
}
