/** A new password and its confirmation (activation, reset, change), each with its error. */
import { newPasswordHint } from './password-hint.ts';
import { PasswordField } from './PasswordField.tsx';
import type { BoundInput } from './zod-form.ts';

/** Props: the two bound fields (see `bind` and `withConfirmation`) and the first one's label. */
export interface NewPasswordFieldsProps {
  password: BoundInput;
  confirmation: BoundInput;
  label: string;
}

/** The rules of a password are given as the first field's hint. */
export function NewPasswordFields({ password, confirmation, label }: NewPasswordFieldsProps) {
  return (
    <>
      <PasswordField
        {...password}
        label={label}
        hintText={newPasswordHint}
        autoComplete="new-password"
      />
      <PasswordField
        {...confirmation}
        label="Confirmation du mot de passe"
        autoComplete="new-password"
      />
    </>
  );
}
