/**
 * Routes of the access screens, each page in its own chunk (loaded on first visit) so that the
 * sign-in page does not carry them.
 */
import type { RouteObject } from 'react-router';

/** Paramètres › Confidentialité, a child of the Paramètres layout (`/parametres/confidentialite`). */
export const privacySettingsRoute: RouteObject = {
  path: 'confidentialite',
  lazy: async () => ({ Component: (await import('./pages/PrivacyPage.tsx')).PrivacyPage }),
};

/** Full-width pages under the signed-in shell, beside Paramètres (the guide's "←" pages). */
export const accessRoutes: RouteObject[] = [
  {
    path: 'parametres/confidentialite/professionnels',
    lazy: async () => ({
      Component: (await import('./pages/ProfessionalsAccessPage.tsx')).ProfessionalsAccessPage,
    }),
  },
  {
    path: 'parametres/confidentialite/professionnels/:psId',
    lazy: async () => ({
      Component: (await import('./pages/ProfessionalDetailPage.tsx')).ProfessionalDetailPage,
    }),
  },
  {
    path: 'parametres/confidentialite/urgence',
    lazy: async () => ({
      Component: (await import('./pages/EmergencyAccessPage.tsx')).EmergencyAccessPage,
    }),
  },
];
