/** Route of Partage du profil, in its own chunk (loaded on first visit). */
import type { RouteObject } from 'react-router';

/** Paramètres › Partage du profil, a child of the Paramètres layout. */
export const sharingSettingsRoute: RouteObject = {
  path: 'partage-du-profil',
  lazy: async () => ({ Component: (await import('./pages/SharingPage.tsx')).SharingPage }),
};
