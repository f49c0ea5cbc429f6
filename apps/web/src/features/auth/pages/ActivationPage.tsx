/** /activation: activate the profile, or oppose its creation. */
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { SignInState } from '../../../app/navigation-state.ts';
import { AuthPanel } from '../../../ui/AuthPanel.tsx';
import { useFocusOnChange } from '../../../ui/use-focus-on-change.ts';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { ActivationForm } from '../components/ActivationForm.tsx';
import { OppositionForm } from '../components/OppositionForm.tsx';

const activated: SignInState = {
  notice: { severity: 'success', message: 'Votre profil est activé. Vous pouvez vous connecter.' },
};

/** Two modes on one page; the heading takes focus when the mode changes. */
export function ActivationPage() {
  const [opposing, setOpposing] = useState(false);
  const title = opposing ? "Je m'oppose à la création de mon profil" : 'Activer mon profil';
  usePageTitle(title);
  const navigate = useNavigate();
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnChange(heading, opposing);

  return (
    <AuthPanel>
      <h1 ref={heading} tabIndex={-1} className="fr-h3">
        {title}
      </h1>
      {opposing ? (
        <OppositionForm onCancel={() => setOpposing(false)} />
      ) : (
        <>
          <p>
            J'active mon profil avec le code provisoire que j'ai reçu, mon numéro de sécurité
            sociale et ma date de naissance. Je choisis ensuite mon identifiant et mon mot de passe.
          </p>
          <ActivationForm onDone={() => void navigate('/connexion', { state: activated })} />
          <hr className="fr-mt-5w fr-pb-3w" />
          <h2 className="fr-h6">Je ne souhaite pas de profil Carnet</h2>
          <Button priority="secondary" onClick={() => setOpposing(true)}>
            Je m'oppose à la création de mon profil
          </Button>
          <p className="fr-mt-4w fr-mb-0">
            <Link className="fr-link" to="/connexion">
              J'ai déjà un profil : je me connecte
            </Link>
          </p>
        </>
      )}
    </AuthPanel>
  );
}
