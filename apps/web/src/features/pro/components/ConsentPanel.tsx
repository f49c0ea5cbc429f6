/**
 * Consent at a consultation: "Le patient m'autorise à accéder à son dossier" (PRODUCT.md
 * "Professionals' access": the professional becomes autorisé).
 */
import { useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { ProAccess } from '@carnet/shared';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { noErrors, toFormErrors } from '../../../ui/form-errors.ts';
import { recordConsent } from '../api.ts';

/** Props: the record, and what to do once the consent is recorded. */
export interface ConsentPanelProps {
  patientId: string;
  onRecorded: (access: ProAccess) => void;
}

/** One button; the sentence above it says what the click means. */
export function ConsentPanel({ patientId, onRecorded }: ConsentPanelProps) {
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState(noErrors);
  const consent = () => {
    if (pending) return;
    setPending(true);
    setErrors(noErrors);
    void recordConsent(patientId).then(
      (access) => {
        setPending(false);
        onRecorded(access);
      },
      (error: unknown) => {
        setPending(false);
        setErrors(toFormErrors(error));
      },
    );
  };
  return (
    <div className="fr-mb-4w">
      <p>
        Lors de la consultation, je demande au patient son autorisation d'accéder à ses Documents et
        à ses rubriques Vaccinations, Historique de soins, Entourage et volontés.
      </p>
      <FormAlert errors={errors} />
      <Button
        iconId="fr-icon-check-line"
        iconPosition="left"
        onClick={consent}
        nativeButtonProps={{ 'aria-disabled': pending || undefined }}
      >
        Le patient m'autorise à accéder à son dossier
      </Button>
    </div>
  );
}
