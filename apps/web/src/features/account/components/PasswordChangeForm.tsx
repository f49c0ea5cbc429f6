/** Change of password: the current one, then the new one twice. */
import { passwordChangeSchema } from '@carnet/shared';
import { confirmationErrors } from '../../../ui/form-errors.ts';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { newPasswordHint } from '../../../ui/password-hint.ts';
import { PasswordField } from '../../../ui/PasswordField.tsx';
import { useForm } from '../../../ui/use-form.ts';
import { changePassword } from '../api.ts';

/** Props: called after a successful change, or on "Annuler". */
export interface PasswordChangeFormProps {
  onDone: () => void;
  onCancel: () => void;
}

/** Server answers (wrong current password, weak new one) show under their field. */
export function PasswordChangeForm({ onDone, onCancel }: PasswordChangeFormProps) {
  const form = useForm({ currentPassword: '', newPassword: '', confirmPassword: '' });
  const { currentPassword, newPassword, confirmPassword } = form.values;
  return (
    <form
      noValidate
      onSubmit={(event) =>
        form.submit(event, {
          schema: passwordChangeSchema,
          input: { currentPassword, newPassword },
          check: () => confirmationErrors(newPassword, confirmPassword),
          action: changePassword,
          onSuccess: onDone,
          fieldOf: { 'auth.invalid_credentials': 'currentPassword' },
        })
      }
    >
      <FormAlert errors={form.errors} />
      <PasswordField
        {...form.field('currentPassword')}
        label="Mot de passe actuel"
        autoComplete="current-password"
      />
      <PasswordField
        {...form.field('newPassword')}
        label="Nouveau mot de passe"
        hintText={newPasswordHint}
        autoComplete="new-password"
      />
      <PasswordField
        {...form.field('confirmPassword')}
        label="Confirmation du mot de passe"
        autoComplete="new-password"
      />
      <FormActions submitLabel="Valider" onCancel={onCancel} pending={form.pending} />
    </form>
  );
}
