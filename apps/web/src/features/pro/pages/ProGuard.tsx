/** Guards the signed-in pages of the professional space; anyone else goes to /pro/connexion. */
import { Navigate, Outlet, useLocation } from 'react-router';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { SignInState } from '../../../app/navigation-state.ts';
import { useSession } from '../../../app/session-context.ts';
import { errorMessage } from '../../../ui/server-errors.ts';
import { useProProfileQuery } from '../hooks.ts';
import { ProProfileContext } from '../pro-context.ts';

const expiredMessage = 'Votre session a expiré. Veuillez vous reconnecter.';

/** Needs a professional's session, then loads the professional's profile. */
export function ProGuard() {
  const { state, reload } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <p role="status">Chargement en cours…</p>;
  if (state.status === 'unavailable') {
    return (
      <>
        <Alert
          className="fr-mb-3w"
          severity="error"
          small
          description="Le service est momentanément indisponible. Veuillez réessayer dans quelques instants."
        />
        <Button onClick={reload}>Réessayer</Button>
      </>
    );
  }
  if (state.status === 'signed-out' || state.me.kind !== 'professional') {
    const next: SignInState | undefined =
      state.status === 'signed-out' && state.expired
        ? {
            from: location.pathname + location.search,
            notice: { severity: 'info', message: expiredMessage },
          }
        : undefined;
    return <Navigate to="/pro/connexion" replace state={next} />;
  }
  return <WithProfile />;
}

function WithProfile() {
  const profile = useProProfileQuery();
  if (profile.isPending) return <p role="status">Chargement en cours…</p>;
  if (profile.isError) {
    return <Alert severity="error" small description={errorMessage(profile.error)} />;
  }
  return (
    <ProProfileContext value={profile.data}>
      <Outlet />
    </ProProfileContext>
  );
}
