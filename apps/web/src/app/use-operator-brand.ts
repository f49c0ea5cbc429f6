/**
 * The operator's identity from GET /api/public-config (CARNET_OPERATOR_NAME, _IS_STATE). The
 * French State's bloc-marque (Marianne, "Liberté Égalité Fraternité") is reserved to State
 * services (DSFR terms of use): until the server says the operator is one, a neutral Carnet logo
 * shows instead.
 */
import { useQuery } from '@tanstack/react-query';
import { getPublicConfig } from '../features/lifecycle/api.ts';
import './operator-brand.css';

/** Class that hides the bloc-marque (see operator-brand.css). */
export const neutralBrandClass = 'carnet-brand--neutral';

/** The neutral logo, shown as the DSFR "operator" logo. */
export const neutralLogo = { imgUrl: '/carnet-logo.svg', orientation: 'horizontal' } as const;

/** Whether to show the State's bloc-marque, and the operator's name. */
export function useOperatorBrand(): { isState: boolean; operatorName: string } {
  const config = useQuery({
    queryKey: ['public-config'],
    queryFn: getPublicConfig,
    staleTime: Infinity,
  });
  return {
    isState: config.data?.operatorIsState === true,
    operatorName: config.data?.operatorName ?? 'Carnet',
  };
}

/** Props of a DSFR Header for the operator: the neutral logo (linking home) unless a State service. */
export function useHeaderBrand(home: { to: string; title: string }) {
  const brand = useOperatorBrand();
  return brand.isState
    ? {}
    : {
        className: neutralBrandClass,
        operatorLogo: { ...neutralLogo, alt: `${brand.operatorName} - Accueil`, linkProps: home },
      };
}
