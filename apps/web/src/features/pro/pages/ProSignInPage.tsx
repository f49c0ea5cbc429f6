/**
 * /pro/connexion: a professional signs in with RPPS + password, then the patients' steps 2/3
 * (channel) and 3/3 (one-time code), reused as they are (PRODUCT.md "Professional side").
 */
import { useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { readSignInState } from '../../../app/navigation-state.ts';
import type { Notice } from '../../../app/navigation-state.ts';
import { useSession } from '../../../app/session-context.ts';
import { AuthPanel } from '../../../ui/AuthPanel.tsx';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { ChannelStep } from '../../auth/components/ChannelStep.tsx';
import { CodeStep } from '../../auth/components/CodeStep.tsx';
import { StepHeading } from '../../auth/components/StepHeading.tsx';
import { stepTitles } from '../../auth/sign-in-flow.ts';
import type { SignInStep } from '../../auth/sign-in-flow.ts';
import { ProCredentialsStep } from '../components/ProCredentialsStep.tsx';

/** Once signed in, goes back where the professional was sent from, or to "Rechercher un patient". */
export function ProSignInPage() {
  const { state, signedIn, signOut } = useSession();
  const location = useLocation();
  const { from, notice: arrival } = readSignInState(location.state);
  const [step, setStep] = useState<SignInStep>({ name: 'credentials' });
  const [notice, setNotice] = useState<Notice | undefined>(arrival);
  const { number, title } = stepTitles[step.name];
  usePageTitle(`Espace professionnel - Connexion - Étape ${number}/3`);

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

  const restart = (message?: string) => {
    setStep({ name: 'credentials' });
    setNotice(message === undefined ? undefined : { severity: 'info', message });
  };

  return (
    <AuthPanel>
      <StepHeading number={number} title={title} />
      {notice && step.name === 'credentials' && (
        <Alert className="fr-mb-3w" severity={notice.severity} small description={notice.message} />
      )}
      {step.name === 'credentials' && (
        <ProCredentialsStep onDone={(channels) => setStep({ name: 'channel', channels })} />
      )}
      {step.name === 'channel' && (
        <ChannelStep
          channels={step.channels}
          onDone={(sent) => setStep({ name: 'code', sent })}
          onCancel={() => restart()}
          onRestart={restart}
        />
      )}
      {step.name === 'code' && (
        <CodeStep
          sent={step.sent}
          onDone={signedIn}
          onCancel={() => restart()}
          onRestart={restart}
        />
      )}
    </AuthPanel>
  );
}
