/** "Télécharger mon attestation d'opposition": fetches the PDF with the token and saves it. */
import { useMutation } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { ApiError, unavailableMessage } from '../../../app/http.ts';
import { downloadAttestation } from '../api.ts';

/** Saves a blob under `name` through a temporary object URL. */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The button, and a clear message when the link is unknown or has expired. */
export function AttestationDownload(props: { token: string; reference?: string }) {
  const fetchPdf = useMutation({
    mutationFn: () => downloadAttestation(props.token),
    onSuccess: (blob) =>
      save(blob, `attestation-opposition${props.reference ? `-${props.reference}` : ''}.pdf`),
  });
  const error =
    fetchPdf.error instanceof ApiError && fetchPdf.error.status === 404
      ? 'Ce lien n’est pas valable ou a expiré (30 jours après l’opposition).'
      : fetchPdf.error
        ? unavailableMessage
        : undefined;
  return (
    <>
      {error && <Alert className="fr-mb-3w" severity="error" small description={error} />}
      <Button
        iconId="fr-icon-download-line"
        iconPosition="left"
        disabled={fetchPdf.isPending}
        onClick={() => fetchPdf.mutate()}
      >
        Télécharger mon attestation d’opposition
      </Button>
    </>
  );
}
