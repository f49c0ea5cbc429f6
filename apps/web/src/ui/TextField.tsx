/** A DSFR text input with its error state, registered in a react-hook-form form (see `bind`). */
import type { ComponentProps, ReactNode } from 'react';
import { Input } from '@codegouvfr/react-dsfr/Input';

/** Props: a label, an optional hint, the error and the native input (a registration spread in). */
export interface TextFieldProps {
  label: ReactNode;
  hintText?: ReactNode;
  error?: string | undefined;
  input?: ComponentProps<'input'>;
  /** Controlled use, for a caller that holds the value itself. */
  name?: string;
  value?: string;
  onChange?: (value: string) => void;
}

/** Text input whose error message is linked to the input (aria-describedby, aria-invalid). */
export function TextField({
  label,
  hintText,
  error,
  input,
  name,
  value,
  onChange,
}: TextFieldProps) {
  const controlled = onChange === undefined ? {} : { name, value, onChange: change(onChange) };
  return (
    <Input
      label={label}
      hintText={hintText}
      state={error === undefined ? 'default' : 'error'}
      stateRelatedMessage={error}
      nativeInputProps={{
        ...input,
        ...controlled,
        'aria-invalid': error === undefined ? undefined : true,
      }}
    />
  );
}

/** An onChange reading the input's value. */
export function change(onChange: (value: string) => void) {
  return (event: { target: { value: string } }) => onChange(event.target.value);
}
