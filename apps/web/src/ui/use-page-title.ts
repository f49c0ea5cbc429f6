/** Sets the document title (RGAA 8.6: each page has a relevant title). */
import { useEffect } from 'react';

/** `usePageTitle('Connexion')` → "Connexion - Carnet". */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} - Carnet`;
  }, [title]);
}
