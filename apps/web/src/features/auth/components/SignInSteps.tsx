/**
 * The three sign-in steps shared by patients and professionals: step 1/3 is the caller's
 * (identifiant or RPPS + password), 2/3 (channel) and 3/3 (one-time code) are the same.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { MaskedChannel } from '@carnet/shared';
import type { Notice } from '../../../app/navigation-state.ts';
import { useSession } from '../../../app/session-context.ts';
import { AuthPanel } from '../../../ui/AuthPanel.tsx';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { stepTitles } from '../sign-in-flow.ts';
import type { SignInStep } from '../sign-in-flow.ts';
import { ChannelStep } from './ChannelStep.tsx';
import { CodeStep } from './CodeStep.tsx';
import { StepHeading } from './StepHeading.tsx';

/** Runs the steps; the session provider learns of the sign-in at the end. */
export function SignInSteps(props: {
  /** Prefix of the page title, e.g. "Connexion". */
  pageTitle: string;
  /** A message to show above step 1 (arrival from an expired session…). */
  arrival: Notice | undefined;
  /** Step 1/3: calls `onDone` with the channels the server offers. */
  credentials: (onDone: (channels: MaskedChannel[]) => void) => ReactNode;
}) {
  const { signedIn } = useSession();
  const [step, setStep] = useState<SignInStep>({ name: 'credentials' });
  const [notice, setNotice] = useState<Notice | undefined>(props.arrival);
  const { number, title } = stepTitles[step.name];
  usePageTitle(`${props.pageTitle} - Étape ${number}/3`);

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
      {step.name === 'credentials' &&
        props.credentials((channels) => setStep({ name: 'channel', channels }))}
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
