/** Password reset step 1/2: INS, birth date and channel; a one-time code is sent. */
import { useMutation } from '@tanstack/react-query';
import { recoveryRequestSchema } from '@carnet/shared';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { applyServerError } from '../../../ui/server-errors.ts';
import { bind, onValidSubmit, rootError, submitTo, useZodForm } from '../../../ui/zod-form.ts';
import { startPasswordReset } from '../api.ts';
import { IdentityFields } from './IdentityFields.tsx';
import { RecoveryChannel } from './RecoveryChannel.tsx';

/** Calls `onDone` with the reset flow to complete. */
export function ResetRequestStep({ onDone }: { onDone: (flowId: string) => void }) {
  const form = useZodForm(recoveryRequestSchema, { defaultValues: { ins: '', birthDate: '' } });
  const mutation = useMutation({
    mutationFn: startPasswordReset,
    onSuccess: onDone,
    onError: (error) => applyServerError(form.setError, error),
  });
  return (
    <form noValidate onSubmit={onValidSubmit(form, submitTo(mutation))}>
      <p>
        Je renseigne mon numéro de sécurité sociale et ma date de naissance : je reçois un code à
        usage unique par e-mail ou par SMS pour choisir un nouveau mot de passe.
      </p>
      <p className="fr-hint-text">Tous les champs sont obligatoires</p>
      <FormAlert message={rootError(form.formState.errors)} />
      <IdentityFields ins={bind(form, 'ins')} birthDate={bind(form, 'birthDate')} />
      <RecoveryChannel field={bind(form, 'channel')} what="mon code à usage unique" />
      <FormActions submitLabel="Recevoir un code" pending={mutation.isPending} />
    </form>
  );
}
