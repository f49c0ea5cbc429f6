/** /connexion: the 3-step sign-in of the guide ("Je me connecte"). */
import { Link, Navigate, useLocation } from 'react-router';
import { loginRequestSchema } from '@carnet/shared';
import { readSignInState } from '../../../app/navigation-state.ts';
import { useSession } from '../../../app/session-context.ts';
import { login } from '../api.ts';
import { CredentialsStep } from '../components/CredentialsStep.tsx';
import { SignInSteps } from '../components/SignInSteps.tsx';

const links = {
  identifier: (
    <p>
      <Link className="fr-link" to="/identifiant-oublie">
        Identifiant oublié ?
      </Link>
    </p>
  ),
  password: (
    <p>
      <Link className="fr-link" to="/mot-de-passe-oublie">
        Mot de passe oublié ?
      </Link>
    </p>
  ),
  footer: (
    <>
      <hr className="fr-mt-5w fr-pb-3w" />
      <p className="fr-mb-0">
        <Link className="fr-link" to="/activation">
          Pas encore de profil ? Activer mon profil
        </Link>
      </p>
    </>
  ),
};

/** Once signed in, goes back where the person was sent from, or to Accueil. */
export function SignInPage() {
  const { state } = useSession();
  const location = useLocation();
  const { from, notice: arrival } = readSignInState(location.state);

  if (state.status === 'signed-in') return <Navigate to={from ?? '/'} replace />;

  return (
    <SignInSteps
      pageTitle="Connexion"
      arrival={arrival}
      credentials={(onDone) => (
        <CredentialsStep
          schema={loginRequestSchema}
          login={login}
          identifier={{
            name: 'identifiant',
            label: 'Mon identifiant',
            input: { autoComplete: 'username', autoCapitalize: 'none', spellCheck: false },
          }}
          passwordLabel="Mon mot de passe"
          links={links}
          onDone={onDone}
        />
      )}
    />
  );
}
