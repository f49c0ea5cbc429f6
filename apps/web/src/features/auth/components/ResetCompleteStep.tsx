/** Password reset step 2/2: the one-time code and the new password. */
import { useMutation } from '@tanstack/react-query';
import { passwordResetCompleteSchema } from '@carnet/shared';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { NewPasswordFields } from '../../../ui/NewPasswordFields.tsx';
import { TextField } from '../../../ui/TextField.tsx';
import { applyServerError } from '../../../ui/server-errors.ts';
import {
  bind,
  onValidSubmit,
  rootError,
  submitTo,
  useZodForm,
  withConfirmation,
} from '../../../ui/zod-form.ts';
import type { z } from 'zod';
import { completePasswordReset } from '../api.ts';

/** Errors about the code or the flow are shown under the code field. */
const codeErrors: Record<string, 'code'> = {
  'auth.code_invalid': 'code',
  'auth.code_expired': 'code',
  'auth.code_exhausted': 'code',
  'account.flow_invalid': 'code',
};

const formSchema = withConfirmation(passwordResetCompleteSchema, 'newPassword');

/** Props: the flow started at step 1; what to do once done, or to start again. */
export interface ResetCompleteStepProps {
  flowId: string;
  onDone: () => void;
  onCancel: () => void;
}

/** Every session of the account ends when the password is reset (server side). */
export function ResetCompleteStep({ flowId, onDone, onCancel }: ResetCompleteStepProps) {
  const form = useZodForm(formSchema, {
    // `flowId` is sent with the fields without being one of them.
    defaultValues: { flowId, code: '', newPassword: '', confirmPassword: '' },
  });
  const mutation = useMutation({
    mutationFn: ({ confirmPassword: _, ...body }: z.output<typeof formSchema>) =>
      completePasswordReset(body),
    onSuccess: onDone,
    onError: (error) => applyServerError(form.setError, error, codeErrors),
  });
  return (
    <form noValidate onSubmit={onValidSubmit(form, submitTo(mutation))}>
      <p>
        Si ces informations correspondent à un profil, un code à usage unique vous a été envoyé.
      </p>
      <p className="fr-hint-text">Tous les champs sont obligatoires</p>
      <FormAlert message={rootError(form.formState.errors)} />
      <TextField
        {...bind(form, 'code', {
          inputMode: 'numeric',
          autoComplete: 'one-time-code',
          maxLength: 6,
        })}
        label="Code à usage unique"
        hintText="Ex : 034567"
      />
      <NewPasswordFields
        password={bind(form, 'newPassword')}
        confirmation={bind(form, 'confirmPassword')}
        label="Nouveau mot de passe"
      />
      <FormActions
        submitLabel="Modifier mon mot de passe"
        onCancel={onCancel}
        pending={mutation.isPending}
      />
    </form>
  );
}
