/** Root route: the session for every page, scroll reset and focus after each navigation. */
import { useEffect, useRef } from 'react';
import { Outlet, ScrollRestoration, useLocation } from 'react-router';
import { SessionProvider } from './SessionProvider.tsx';
import { mainId } from './PageFrame.tsx';

/** Wraps every route. */
export function RootLayout() {
  useFocusAfterNavigation();
  return (
    <SessionProvider>
      <Outlet />
      <ScrollRestoration />
    </SessionProvider>
  );
}

/**
 * After a client-side navigation, focus goes to the new page's heading so that screen readers
 * announce it (RGAA 12.x). A section heading marked `data-route-heading` (Paramètres) wins.
 */
function useFocusAfterNavigation(): void {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const main = document.getElementById(mainId);
    const target =
      main?.querySelector<HTMLElement>('[data-route-heading]') ??
      main?.querySelector<HTMLElement>('h1') ??
      main;
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  }, [pathname]);
}
