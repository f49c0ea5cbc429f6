/**
 * /pro/connexion: a professional signs in with RPPS + password, then the patients' steps 2/3
 * (channel) and 3/3 (one-time code), reused as they are (PRODUCT.md "Professional side").
 */
import { Navigate, useLocation } from 'react-router';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { readSignInState } from '../../../app/navigation-state.ts';
import { useSession } from '../../../app/session-context.ts';
import { AuthPanel } from '../../../ui/AuthPanel.tsx';
import { SignInSteps } from '../../auth/components/SignInSteps.tsx';
import { proLoginRequestSchema } from '@carnet/shared';
import { Link } from 'react-router';
import { CredentialsStep } from '../../auth/components/CredentialsStep.tsx';
import { proLogin } from '../api.ts';

/** Once signed in, goes back where the professional was sent from, or to "Rechercher un patient". */
export function ProSignInPage() {
  const { state, signOut } = useSession();
  const location = useLocation();
  const { from, notice: arrival } = readSignInState(location.state);

  if (state.status === 'signed-in' && state.me.kind === 'professional') {
    return <Navigate to={from?.startsWith('/pro') ? from : '/pro'} replace />;
  }
  if (state.status === 'signed-in') {
    // A patient's session is open in this browser: one session at a time.
    return (
      <AuthPanel>
        <h1 className="fr-h3">Espace professionnel</h1>
        <p>
          Vous êtes connecté à l'espace patient de Carnet. Déconnectez-vous pour vous connecter en
          tant que professionnel de santé.
        </p>
        <Button onClick={() => void signOut()}>Se déconnecter</Button>
      </AuthPanel>
    );
  }

  return (
    <SignInSteps
      pageTitle="Espace professionnel - Connexion"
      arrival={arrival}
      credentials={(onDone) => (
        <CredentialsStep
          schema={proLoginRequestSchema}
          login={proLogin}
          identifier={{
            name: 'rpps',
            label: 'Numéro RPPS',
            hintText: '11 chiffres, par exemple 10000000045',
            input: { autoComplete: 'username', inputMode: 'numeric', spellCheck: false },
          }}
          passwordLabel="Mot de passe"
          links={{
            password: (
              <p>
                <Link className="fr-link" to="/pro/mot-de-passe-oublie">
                  Mot de passe oublié ?
                </Link>
              </p>
            ),
          }}
          onDone={onDone}
        />
      )}
    />
  );
}
