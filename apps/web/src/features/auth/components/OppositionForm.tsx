/** Opposition to the creation of the profile (within the 6 weeks of the code provisoire). */
import { useMutation } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { oppositionRequestSchema } from '@carnet/shared';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { TextField } from '../../../ui/TextField.tsx';
import { applyServerError } from '../../../ui/server-errors.ts';
import { bind, onValidSubmit, rootError, submitTo, useZodForm } from '../../../ui/zod-form.ts';
import { opposeWithAttestation } from '../../lifecycle/api.ts';
import { AttestationDownload } from '../../lifecycle/components/AttestationDownload.tsx';
import { IdentityFields } from './IdentityFields.tsx';

/** `onCancel` goes back to the activation form. */
export function OppositionForm({ onCancel }: { onCancel: () => void }) {
  const form = useZodForm(oppositionRequestSchema, {
    defaultValues: { activationCode: '', ins: '', birthDate: '' },
  });
  const mutation = useMutation({
    mutationFn: opposeWithAttestation,
    onError: (error) => applyServerError(form.setError, error),
  });

  if (mutation.isSuccess) {
    const done = mutation.data;
    return (
      <>
        <Alert
          className="fr-mb-3w"
          severity="success"
          title="Opposition enregistrée"
          description={`Votre opposition a été enregistrée (référence ${done.reference}). Votre profil est clôturé. Votre attestation vous a aussi été envoyée.`}
        />
        <AttestationDownload token={done.attestationToken} reference={done.reference} />
      </>
    );
  }
  return (
    <form noValidate onSubmit={onValidSubmit(form, submitTo(mutation))}>
      <p>
        Pendant les 6 semaines qui suivent la réception de mon code provisoire, je peux m'opposer à
        la création de mon profil Carnet. Mon profil est alors clôturé.
      </p>
      <p className="fr-hint-text">Tous les champs sont obligatoires</p>
      <FormAlert message={rootError(form.formState.errors)} />
      <TextField
        {...bind(form, 'activationCode', {
          autoComplete: 'off',
          autoCapitalize: 'none',
          spellCheck: false,
        })}
        label="Mon code provisoire"
        hintText="Reçu par e-mail ou par SMS"
      />
      <IdentityFields ins={bind(form, 'ins')} birthDate={bind(form, 'birthDate')} />
      <FormActions
        submitLabel="Confirmer mon opposition"
        onCancel={onCancel}
        pending={mutation.isPending}
      />
    </form>
  );
}
