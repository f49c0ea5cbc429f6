/** /mot-de-passe-oublie: INS + birth date + channel, then code + new password. */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { SignInState } from '../../../app/navigation-state.ts';
import { AuthPanel } from '../../../ui/AuthPanel.tsx';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { ResetCompleteStep } from '../components/ResetCompleteStep.tsx';
import { ResetRequestStep } from '../components/ResetRequestStep.tsx';
import { StepHeading } from '../components/StepHeading.tsx';

const done: SignInState = {
  notice: {
    severity: 'success',
    message:
      'Votre mot de passe a été modifié. Vous pouvez vous connecter avec votre nouveau mot de passe.',
  },
};

/** Two steps; on success the person is sent to /connexion with a confirmation. */
export function PasswordResetPage() {
  const [flowId, setFlowId] = useState<string>();
  usePageTitle(`Mot de passe oublié - Étape ${flowId === undefined ? 1 : 2}/2`);
  const navigate = useNavigate();

  return (
    <AuthPanel>
      <h1 className="fr-h3">Mot de passe oublié</h1>
      {flowId === undefined ? (
        <>
          <StepHeading level="h2" number={1} total={2} title="Je renseigne mes informations" />
          <ResetRequestStep onDone={setFlowId} />
        </>
      ) : (
        <>
          <StepHeading level="h2" number={2} total={2} title="Je choisis un nouveau mot de passe" />
          <ResetCompleteStep
            flowId={flowId}
            onDone={() => void navigate('/connexion', { state: done })}
            onCancel={() => setFlowId(undefined)}
          />
        </>
      )}
      <p className="fr-mt-3w fr-mb-0">
        <Link className="fr-link" to="/connexion">
          Retour à la connexion
        </Link>
      </p>
    </AuthPanel>
  );
}
