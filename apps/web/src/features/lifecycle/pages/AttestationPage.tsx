/** /opposition/attestation#<token>: the e-mail's link; the token stays in the fragment. */
import { useLocation } from 'react-router';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { AttestationDownload } from '../components/AttestationDownload.tsx';

/** Reads the token from the fragment and offers the download. */
export function AttestationPage() {
  usePageTitle('Attestation d’opposition');
  const token = useLocation().hash.slice(1);
  return (
    <div className="fr-container fr-my-6w">
      <h1>Attestation d’opposition</h1>
      <p>
        Mon attestation prouve que je me suis opposé(e) à la création de mon profil Carnet. Elle
        indique la date de l’opposition, mon identité et sa référence.
      </p>
      {token.length >= 20 ? (
        <AttestationDownload token={token} />
      ) : (
        <Alert
          severity="error"
          small
          description="Ce lien est incomplet. Ouvrez le lien reçu par e-mail tel quel."
        />
      )}
    </div>
  );
}
