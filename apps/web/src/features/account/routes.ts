/** Route of Paramètres › Informations personnelles, in its own chunk (loaded on first visit). */
import type { RouteObject } from 'react-router';

/** A child of the Paramètres layout at `path`. */
export function personalInfoRoute(path: string): RouteObject {
  return {
    path,
    lazy: async () => ({
      Component: (await import('./pages/PersonalInfoPage.tsx')).PersonalInfoPage,
    }),
  };
}
