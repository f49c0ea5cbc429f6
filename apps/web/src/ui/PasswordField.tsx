/** A DSFR password input (with "Afficher") bound to a form field, with its error state. */
import type { ReactNode } from 'react';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import type { BoundField } from './use-form.ts';

/** Props: the bound field, a label, an optional hint and the autocomplete purpose. */
export interface PasswordFieldProps extends BoundField {
  label: ReactNode;
  hintText?: ReactNode;
  autoComplete: 'current-password' | 'new-password';
}

/** Password input with show/hide; its error is announced and linked to the input. */
export function PasswordField(props: PasswordFieldProps) {
  const { name, value, error, onChange, label, hintText, autoComplete } = props;
  return (
    <PasswordInput
      className="fr-mb-3w"
      label={label}
      hintText={hintText}
      messagesHint=""
      messages={error === undefined ? [] : [{ severity: 'error', message: error }]}
      nativeInputProps={{
        name,
        value,
        autoComplete,
        onChange: (event) => onChange(event.target.value),
        'aria-invalid': error === undefined ? undefined : true,
      }}
    />
  );
}
