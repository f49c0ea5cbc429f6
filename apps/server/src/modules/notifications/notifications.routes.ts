/** HTTP routes of Paramètres › Notifications e-mail. */
import { notificationPreferencesSchema } from '@carnet/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ActingPersonResolver } from '../sessions/acting-person.ts';
import { traceActorOf } from '../sessions/acting-person.ts';
import type { NotificationsService } from './notifications.service.ts';

/** The routes' dependencies. */
export interface NotificationsRoutesDeps {
  notifications: NotificationsService;
  actingPerson: ActingPersonResolver;
}

/** Registers GET and PUT /api/notifications/preferences. */
export const notificationsRoutes: FastifyPluginAsyncZod<NotificationsRoutesDeps> = async (
  app,
  deps,
) => {
  app.get(
    '/notifications/preferences',
    { schema: { response: { 200: notificationPreferencesSchema } } },
    async (request) =>
      deps.notifications.getPreferences(
        (await deps.actingPerson.require(request, 'data.read')).patientId,
      ),
  );

  app.put(
    '/notifications/preferences',
    {
      schema: {
        body: notificationPreferencesSchema,
        response: { 200: notificationPreferencesSchema },
      },
    },
    async (request) => {
      // Where the record's e-mails go is contact data: not an aidant's (ACCESS.md).
      const actor = await deps.actingPerson.require(request, 'contact.change');
      return deps.notifications.setPreferences(actor.patientId, request.body, traceActorOf(actor));
    },
  );
};
