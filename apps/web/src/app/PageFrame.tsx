/** Skip link, header, the main landmark and footer around every page. */
import type { ReactNode } from 'react';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { SiteFooter } from './SiteFooter.tsx';

/** Id of `<main>`, target of the skip link and of focus after a navigation. */
export const mainId = 'contenu';

/** The header differs between public and signed-in pages. */
export function PageFrame({ header, children }: { header: ReactNode; children: ReactNode }) {
  return (
    <>
      <SkipLinks links={[{ label: 'Contenu', anchor: `#${mainId}` }]} />
      {header}
      <main id={mainId} tabIndex={-1} className="fr-container fr-pt-5w fr-pb-10w">
        {children}
      </main>
      <SiteFooter />
    </>
  );
}
