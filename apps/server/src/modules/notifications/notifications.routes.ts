/** HTTP routes of Paramètres › Notifications e-mail. */
import { notificationPreferencesSchema } from '@carnet/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/http/app-error.ts';
import type { SessionCookie } from '../sessions/sessions.http.ts';
import { requireSession } from '../sessions/sessions.http.ts';
import type { SessionsService } from '../sessions/sessions.service.ts';
import type { NotificationsService } from './notifications.service.ts';

/** The routes' dependencies. */
export interface NotificationsRoutesDeps {
  notifications: NotificationsService;
  sessions: SessionsService;
  cookie: SessionCookie;
}

/** Registers GET and PUT /api/notifications/preferences. */
export const notificationsRoutes: FastifyPluginAsyncZod<NotificationsRoutesDeps> = async (
  app,
  deps,
) => {
  const patientOf = async (request: FastifyRequest): Promise<string> => {
    const session = await requireSession(request, deps.sessions, deps.cookie);
    if (!session.patient_id) throw notFound();
    return session.patient_id;
  };

  app.get(
    '/notifications/preferences',
    { schema: { response: { 200: notificationPreferencesSchema } } },
    async (request) => deps.notifications.getPreferences(await patientOf(request)),
  );

  app.put(
    '/notifications/preferences',
    {
      schema: {
        body: notificationPreferencesSchema,
        response: { 200: notificationPreferencesSchema },
      },
    },
    async (request) => deps.notifications.setPreferences(await patientOf(request), request.body),
  );
};
