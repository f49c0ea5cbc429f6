/** Routes of the lifecycle pages, each in its own chunk (loaded on first visit). */
import type { RouteObject } from 'react-router';

/** Paramètres › Télécharger mes données, a child of the Paramètres layout. */
export const dataExportSettingsRoute: RouteObject = {
  path: 'telecharger-mes-donnees',
  lazy: async () => ({ Component: (await import('./pages/DataExportPage.tsx')).DataExportPage }),
};

/** Paramètres › Clôture du profil, a child of the Paramètres layout. */
export const closureSettingsRoute: RouteObject = {
  path: 'cloture-du-profil',
  lazy: async () => ({ Component: (await import('./pages/ClosurePage.tsx')).ClosurePage }),
};

/** /opposition/attestation, public (the e-mail's link after an opposition). */
export const attestationRoute: RouteObject = {
  path: 'opposition/attestation',
  lazy: async () => ({
    Component: (await import('./pages/AttestationPage.tsx')).AttestationPage,
  }),
};
