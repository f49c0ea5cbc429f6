/** DSFR header of every page, with the main navigation when signed in. */
import { Header } from '@codegouvfr/react-dsfr/Header';
import type { HeaderProps } from '@codegouvfr/react-dsfr/Header';
import { brandTop, homeLinkProps, serviceTagline, serviceTitle } from './brand.tsx';
import { useHeaderBrand } from './use-operator-brand.ts';

/** Navigation and quick access items are optional (none on public pages). */
export function SiteHeader(props: Pick<HeaderProps, 'navigation' | 'quickAccessItems'>) {
  const brand = useHeaderBrand(homeLinkProps);
  return (
    <Header
      {...brand}
      brandTop={brandTop}
      homeLinkProps={homeLinkProps}
      serviceTitle={serviceTitle}
      serviceTagline={serviceTagline}
      navigation={props.navigation}
      quickAccessItems={props.quickAccessItems}
      disableDisplay
    />
  );
}
