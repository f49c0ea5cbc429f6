/** Every route of the web app (react-router library mode). */
import { createBrowserRouter, Navigate } from 'react-router';
import { AppShell } from './AppShell.tsx';
import { AccessibilityPage } from './pages/AccessibilityPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PublicLayout } from './PublicLayout.tsx';
import { RootLayout } from './RootLayout.tsx';
import { settingsSections } from '../features/account/settings-sections.ts';
import { personalInfoRoute } from '../features/account/routes.ts';
import { SettingsLayout } from '../features/account/pages/SettingsLayout.tsx';
import { recoveryRoutes } from '../features/auth/routes.ts';
import { SignInPage } from '../features/auth/pages/SignInPage.tsx';
import { accessRoutes, privacySettingsRoute } from '../features/access/routes.ts';
import { proRoutes } from '../features/pro/routes.ts';
import { historySettingsRoute } from '../features/history/routes.ts';
import { notificationsSettingsRoute } from '../features/notifications/routes.ts';
import {
  attestationRoute,
  closureSettingsRoute,
  dataExportSettingsRoute,
} from '../features/lifecycle/routes.ts';
import { sharingSettingsRoute } from '../features/delegations/routes.ts';
import { homeRoute } from '../features/home/routes.ts';
import { messagesRoutes } from '../features/messages/routes.ts';
import { ComingSoon } from '../ui/ComingSoon.tsx';

const [personalInfo, ...otherSettings] = settingsSections;

/** Public pages, the signed-in shell, and a 404 for the rest. */
export function createRouter() {
  return createBrowserRouter([
    {
      element: <RootLayout />,
      children: [
        proRoutes,
        {
          element: <PublicLayout />,
          children: [
            { path: 'connexion', element: <SignInPage /> },
            ...recoveryRoutes,
            { path: 'accessibilite', element: <AccessibilityPage /> },
            attestationRoute,
            { path: '*', element: <NotFoundPage /> },
          ],
        },
        {
          element: <AppShell />,
          children: [
            homeRoute,
            // Profil médical (issue 11): lazy, like the documents.
            {
              path: 'profil-medical',
              lazy: async () => ({
                Component: (
                  await import('../features/medical-profile/pages/MedicalProfilePage.tsx')
                ).MedicalProfilePage,
              }),
            },
            {
              path: 'profil-medical/synthese',
              lazy: async () => ({
                Component: (await import('../features/medical-profile/pages/SynthesePage.tsx'))
                  .SynthesePage,
              }),
            },
            {
              path: 'profil-medical/:rubrique',
              lazy: async () => ({
                Component: (await import('../features/medical-profile/pages/RubriquePage.tsx'))
                  .RubriquePage,
              }),
            },
            // The document pages load on first visit: the sign-in page stays small.
            {
              path: 'documents',
              lazy: async () => ({
                Component: (await import('../features/documents/pages/DocumentsPage.tsx'))
                  .DocumentsPage,
              }),
            },
            {
              path: 'documents/ajouter',
              lazy: async () => ({
                Component: (await import('../features/documents/pages/AddDocumentPage.tsx'))
                  .AddDocumentPage,
              }),
            },
            {
              path: 'documents/:id',
              lazy: async () => ({
                Component: (await import('../features/documents/pages/DocumentPage.tsx'))
                  .DocumentPage,
              }),
            },
            ...messagesRoutes,
            ...accessRoutes,
            {
              path: 'parametres',
              element: <SettingsLayout />,
              children: [
                { index: true, element: <Navigate to={personalInfo.path} replace /> },
                personalInfoRoute(personalInfo.path),
                privacySettingsRoute,
                historySettingsRoute,
                notificationsSettingsRoute,
                dataExportSettingsRoute,
                closureSettingsRoute,
                sharingSettingsRoute,
                ...otherSettings
                  .filter(
                    ({ path }) =>
                      ![
                        privacySettingsRoute,
                        historySettingsRoute,
                        notificationsSettingsRoute,
                        dataExportSettingsRoute,
                        closureSettingsRoute,
                        sharingSettingsRoute,
                      ].some((route) => route.path === path),
                  )
                  .map(({ path, text }) => ({
                    path,
                    element: <ComingSoon level="h2" title={text} />,
                  })),
              ],
            },
          ],
        },
      ],
    },
  ]);
}
