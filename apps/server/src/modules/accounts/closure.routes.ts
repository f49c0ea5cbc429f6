/** HTTP route of Paramètres › Clôture du profil. Thin: parse, call, answer. */
import { closureRequestSchema } from '@carnet/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ActingPersonResolver } from '../sessions/acting-person.ts';
import type { SessionCookie } from '../sessions/sessions.http.ts';
import { clearSessionCookie, requireSession } from '../sessions/sessions.http.ts';
import type { SessionsService } from '../sessions/sessions.service.ts';
import type { ClosureService } from './closure.service.ts';

/** The route's dependencies. */
export interface ClosureRoutesDeps {
  closure: ClosureService;
  sessions: SessionsService;
  cookie: SessionCookie;
  actingPerson: ActingPersonResolver;
}

/** Registers POST /api/account/close. */
export const closureRoutes: FastifyPluginAsyncZod<ClosureRoutesDeps> = async (app, deps) => {
  app.post(
    '/account/close',
    {
      schema: {
        body: closureRequestSchema,
        response: { 200: z.strictObject({ status: z.literal('closed') }) },
      },
    },
    async (request, reply) => {
      const session = await requireSession(request, deps.sessions, deps.cookie);
      // The selected profile, never blindly the session's own: an aidant is refused (403, traced).
      const person = await deps.actingPerson.require(request, 'record.close');
      await deps.closure.close(session, person, { ...request.body, ip: request.ip });
      clearSessionCookie(reply, deps.cookie);
      return { status: 'closed' as const };
    },
  );
};
