/**
 * Consent at a consultation: "Le patient m'autorise à accéder à son dossier" (PRODUCT.md
 * "Professionals' access": the professional becomes autorisé).
 */
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { ProAccess } from '@carnet/shared';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { errorMessage } from '../../../ui/server-errors.ts';
import { useRecordConsent } from '../hooks.ts';

/** Props: the record, and what to do once the consent is recorded. */
export interface ConsentPanelProps {
  patientId: string;
  onRecorded: (access: ProAccess) => void;
}

/** One button; the sentence above it says what the click means. */
export function ConsentPanel({ patientId, onRecorded }: ConsentPanelProps) {
  const consent = useRecordConsent(patientId);
  return (
    <div className="fr-mb-4w">
      <p>
        Lors de la consultation, je demande au patient son autorisation d'accéder à ses Documents et
        à ses rubriques Vaccinations, Historique de soins, Entourage et volontés.
      </p>
      <FormAlert message={consent.isError ? errorMessage(consent.error) : undefined} />
      <Button
        iconId="fr-icon-check-line"
        iconPosition="left"
        onClick={() => {
          if (!consent.isPending) consent.mutate(undefined, { onSuccess: onRecorded });
        }}
        nativeButtonProps={{ 'aria-disabled': consent.isPending || undefined }}
      >
        Le patient m'autorise à accéder à son dossier
      </Button>
    </div>
  );
}
