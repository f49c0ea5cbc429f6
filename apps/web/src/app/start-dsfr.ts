/** Starts the DSFR runtime; every DSFR `linkProps` renders react-router's Link. */
import { startReactDsfr } from '@codegouvfr/react-dsfr/spa';
import { Link } from 'react-router';

declare module '@codegouvfr/react-dsfr/spa' {
  interface RegisterLink {
    Link: typeof Link;
  }
}

/** Follows the system light/dark preference; no script in index.html (CSP). */
export function startDsfr(): void {
  startReactDsfr({ defaultColorScheme: 'system', Link });
}
