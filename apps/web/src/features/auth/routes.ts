/**
 * Public pages of activation and recovery, each in its own chunk (loaded on first visit) so
 * that the sign-in page, the one page everybody loads, stays small (PERFORMANCE.md B9).
 */
import type { RouteObject } from 'react-router';

/** `/activation`, `/identifiant-oublie`, `/mot-de-passe-oublie`. */
export const recoveryRoutes: RouteObject[] = [
  {
    path: 'activation',
    lazy: async () => ({ Component: (await import('./pages/ActivationPage.tsx')).ActivationPage }),
  },
  {
    path: 'identifiant-oublie',
    lazy: async () => ({
      Component: (await import('./pages/ForgotIdentifiantPage.tsx')).ForgotIdentifiantPage,
    }),
  },
  {
    path: 'mot-de-passe-oublie',
    lazy: async () => ({
      Component: (await import('./pages/PasswordResetPage.tsx')).PasswordResetPage,
    }),
  },
];
