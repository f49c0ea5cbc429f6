/**
 * Routes of the professional space (`/pro/...`), its own shell, every page in a chunk of its own
 * (patients never download it).
 */
import type { RouteObject } from 'react-router';
import { proMessagesRoutes } from '../messages/routes.ts';

/** `/pro/connexion` is public; the other pages need a professional's session (ProGuard). */
export const proRoutes: RouteObject = {
  path: 'pro',
  lazy: async () => ({ Component: (await import('./pages/ProLayout.tsx')).ProLayout }),
  children: [
    {
      path: 'connexion',
      lazy: async () => ({ Component: (await import('./pages/ProSignInPage.tsx')).ProSignInPage }),
    },
    // OAuth consent for practice software (issue 10): signs in by itself, then asks.
    {
      path: 'autorisation/:uid',
      lazy: async () => ({
        Component: (await import('../oauth/pages/OAuthConsentPage.tsx')).OAuthConsentPage,
      }),
    },
    {
      path: 'mot-de-passe-oublie',
      lazy: async () => ({
        Component: (await import('../pro-recovery/pages/ProPasswordResetPage.tsx'))
          .ProPasswordResetPage,
      }),
    },
    {
      lazy: async () => ({ Component: (await import('./pages/ProGuard.tsx')).ProGuard }),
      children: [
        {
          index: true,
          lazy: async () => ({
            Component: (await import('./pages/PatientSearchPage.tsx')).PatientSearchPage,
          }),
        },
        {
          path: 'patients/:patientId',
          lazy: async () => ({
            Component: (await import('./pages/PatientRecordPage.tsx')).PatientRecordPage,
          }),
        },
        ...proMessagesRoutes,
      ],
    },
  ],
};
