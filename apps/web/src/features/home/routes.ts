/** Route of Accueil, in its own chunk (the sign-in page does not carry it). */
import type { RouteObject } from 'react-router';

/** `/`, the signed-in person's home page. */
export const homeRoute: RouteObject = {
  index: true,
  lazy: async () => ({ Component: (await import('./pages/HomePage.tsx')).HomePage }),
};
