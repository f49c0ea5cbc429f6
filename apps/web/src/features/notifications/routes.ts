/** Route of Notifications e-mail, in its own chunk (loaded on first visit). */
import type { RouteObject } from 'react-router';

/** Paramètres › Notifications e-mail, a child of the Paramètres layout. */
export const notificationsSettingsRoute: RouteObject = {
  path: 'notifications-email',
  lazy: async () => ({
    Component: (await import('./pages/NotificationsPage.tsx')).NotificationsPage,
  }),
};
