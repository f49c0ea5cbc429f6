/** Route of Historique d'activité, in its own chunk (loaded on first visit). */
import type { RouteObject } from 'react-router';

/** Paramètres › Historique d'activité, a child of the Paramètres layout. */
export const historySettingsRoute: RouteObject = {
  path: 'historique-activite',
  lazy: async () => ({ Component: (await import('./pages/HistoryPage.tsx')).HistoryPage }),
};
