/** Change of password: the current one, then the new one twice. */
import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { passwordChangeSchema } from '@carnet/shared';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { NewPasswordFields } from '../../../ui/NewPasswordFields.tsx';
import { PasswordField } from '../../../ui/PasswordField.tsx';
import { applyServerError } from '../../../ui/server-errors.ts';
import {
  bind,
  onValidSubmit,
  rootError,
  submitTo,
  useZodForm,
  withConfirmation,
} from '../../../ui/zod-form.ts';
import { changePassword } from '../api.ts';

const formSchema = withConfirmation(passwordChangeSchema, 'newPassword');

/** Props: called after a successful change, or on "Annuler". */
export interface PasswordChangeFormProps {
  onDone: () => void;
  onCancel: () => void;
}

/** Server answers (wrong current password, weak new one) show under their field. */
export function PasswordChangeForm({ onDone, onCancel }: PasswordChangeFormProps) {
  const form = useZodForm(formSchema, {
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const mutation = useMutation({
    mutationFn: ({ confirmPassword: _, ...body }: z.output<typeof formSchema>) =>
      changePassword(body),
    onSuccess: onDone,
    onError: (error) =>
      applyServerError(form.setError, error, { 'auth.invalid_credentials': 'currentPassword' }),
  });
  return (
    <form noValidate onSubmit={onValidSubmit(form, submitTo(mutation))}>
      <FormAlert message={rootError(form.formState.errors)} />
      <PasswordField
        {...bind(form, 'currentPassword')}
        label="Mot de passe actuel"
        autoComplete="current-password"
      />
      <NewPasswordFields
        password={bind(form, 'newPassword')}
        confirmation={bind(form, 'confirmPassword')}
        label="Nouveau mot de passe"
      />
      <FormActions submitLabel="Valider" onCancel={onCancel} pending={mutation.isPending} />
    </form>
  );
}
