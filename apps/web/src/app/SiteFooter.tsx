/** DSFR footer of every page. */
import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { brandTop, homeLinkProps } from './brand.tsx';
import { neutralBrandClass, neutralLogo, useOperatorBrand } from './use-operator-brand.ts';

/** No audit yet: accessibility is declared "non conforme" (RGAA). */
export function SiteFooter() {
  const brand = useOperatorBrand();
  return (
    <Footer
      className={brand.isState ? undefined : neutralBrandClass}
      operatorLogo={brand.isState ? undefined : { ...neutralLogo, alt: brand.operatorName }}
      brandTop={brandTop}
      homeLinkProps={homeLinkProps}
      accessibility="non compliant"
      accessibilityLinkProps={{ to: '/accessibilite' }}
      contentDescription="Carnet est un espace santé personnel libre : mes documents et mon profil médical, que je partage avec les professionnels de santé de mon choix."
      domains={[]}
      license={<>Carnet est un logiciel libre publié sous licence AGPL-3.0-or-later.</>}
    />
  );
}
