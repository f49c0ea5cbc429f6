/** /connexion: the 3-step sign-in of the guide ("Je me connecte"). */
import { Navigate, useLocation } from 'react-router';
import { readSignInState } from '../../../app/navigation-state.ts';
import { useSession } from '../../../app/session-context.ts';
import { CredentialsStep } from '../components/CredentialsStep.tsx';
import { SignInSteps } from '../components/SignInSteps.tsx';

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
      credentials={(onDone) => <CredentialsStep onDone={onDone} />}
    />
  );
}
