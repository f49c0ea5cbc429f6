/** /connexion: the 3-step sign-in of the guide ("Je me connecte"). */
import { useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { readSignInState } from '../../../app/navigation-state.ts';
import type { Notice } from '../../../app/navigation-state.ts';
import { useSession } from '../../../app/session-context.ts';
import { AuthPanel } from '../../../ui/AuthPanel.tsx';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { ChannelStep } from '../components/ChannelStep.tsx';
import { CodeStep } from '../components/CodeStep.tsx';
import { CredentialsStep } from '../components/CredentialsStep.tsx';
import { StepHeading } from '../components/StepHeading.tsx';
import { stepTitles } from '../sign-in-flow.ts';
import type { SignInStep } from '../sign-in-flow.ts';

/** Once signed in, goes back where the person was sent from, or to Accueil. */
export function SignInPage() {
  const { state, signedIn } = useSession();
  const location = useLocation();
  const { from, notice: arrival } = readSignInState(location.state);
  const [step, setStep] = useState<SignInStep>({ name: 'credentials' });
  const [notice, setNotice] = useState<Notice | undefined>(arrival);
  const { number, title } = stepTitles[step.name];
  usePageTitle(`Connexion - Étape ${number}/3`);

  if (state.status === 'signed-in') return <Navigate to={from ?? '/'} replace />;

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
        <CredentialsStep onDone={(channels) => setStep({ name: 'channel', channels })} />
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
