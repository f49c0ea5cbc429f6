/** Password reset step 2/2: the one-time code and the new password. */
import { passwordResetCompleteSchema } from '@carnet/shared';
import { confirmationErrors } from '../../../ui/form-errors.ts';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { newPasswordHint } from '../../../ui/password-hint.ts';
import { PasswordField } from '../../../ui/PasswordField.tsx';
import { TextField } from '../../../ui/TextField.tsx';
import { useForm } from '../../../ui/use-form.ts';
import { completePasswordReset } from '../api.ts';

/** Errors about the code or the flow are shown under the code field. */
const codeErrors = {
  'auth.code_invalid': 'code',
  'auth.code_expired': 'code',
  'auth.code_exhausted': 'code',
  'account.flow_invalid': 'code',
};

/** Props: the flow started at step 1; what to do once done, or to start again. */
export interface ResetCompleteStepProps {
  flowId: string;
  onDone: () => void;
  onCancel: () => void;
}

/** Every session of the account ends when the password is reset (server side). */
export function ResetCompleteStep({ flowId, onDone, onCancel }: ResetCompleteStepProps) {
  const form = useForm({ code: '', newPassword: '', confirmPassword: '' });
  const { code, newPassword, confirmPassword } = form.values;
  return (
    <form
      noValidate
      onSubmit={(event) =>
        form.submit(event, {
          schema: passwordResetCompleteSchema,
          input: { flowId, code, newPassword },
          check: () => confirmationErrors(newPassword, confirmPassword),
          action: completePasswordReset,
          onSuccess: onDone,
          fieldOf: codeErrors,
        })
      }
    >
      <p>
        Si ces informations correspondent à un profil, un code à usage unique vous a été envoyé.
      </p>
      <p className="fr-hint-text">Tous les champs sont obligatoires</p>
      <FormAlert errors={form.errors} />
      <TextField
        {...form.field('code')}
        label="Code à usage unique"
        hintText="Ex : 034567"
        input={{ inputMode: 'numeric', autoComplete: 'one-time-code', maxLength: 6 }}
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
      <FormActions
        submitLabel="Modifier mon mot de passe"
        onCancel={onCancel}
        pending={form.pending}
      />
    </form>
  );
}
