/** A DSFR password input (with "Afficher") and its error state, registered in a form (see `bind`). */
import type { ComponentProps, ReactNode } from 'react';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { change } from './TextField.tsx';

/** Props: a label, an optional hint, the autocomplete purpose, the error and the native input. */
export interface PasswordFieldProps {
  label: ReactNode;
  hintText?: ReactNode;
  autoComplete: 'current-password' | 'new-password';
  error?: string | undefined;
  input?: ComponentProps<'input'>;
  /** Controlled use, for a caller that holds the value itself. */
  name?: string;
  value?: string;
  onChange?: (value: string) => void;
}

/** Password input with show/hide; its error is announced and linked to the input. */
export function PasswordField(props: PasswordFieldProps) {
  const { error, label, hintText, autoComplete, name, value, onChange } = props;
  const controlled = onChange === undefined ? {} : { name, value, onChange: change(onChange) };
  return (
    <PasswordInput
      className="fr-mb-3w"
      label={label}
      hintText={hintText}
      messagesHint=""
      messages={error === undefined ? [] : [{ severity: 'error', message: error }]}
      nativeInputProps={{
        ...props.input,
        ...controlled,
        autoComplete,
        'aria-invalid': error === undefined ? undefined : true,
      }}
    />
  );
}
