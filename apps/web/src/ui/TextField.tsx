/** A DSFR text input bound to a form field, with its error state. */
import type { ComponentProps, ReactNode } from 'react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import type { BoundField } from './use-form.ts';

type NativeProps = Omit<ComponentProps<'input'>, 'name' | 'value' | 'onChange'>;

/** Props: the bound field, a label, an optional hint and native input attributes. */
export interface TextFieldProps extends BoundField {
  label: ReactNode;
  hintText?: ReactNode;
  input?: NativeProps;
}

/** Text input whose error message is linked to the input (aria-describedby, aria-invalid). */
export function TextField({
  name,
  value,
  error,
  onChange,
  label,
  hintText,
  input,
}: TextFieldProps) {
  return (
    <Input
      label={label}
      hintText={hintText}
      state={error === undefined ? 'default' : 'error'}
      stateRelatedMessage={error}
      nativeInputProps={{
        ...input,
        name,
        value,
        onChange: (event) => onChange(event.target.value),
        'aria-invalid': error === undefined ? undefined : true,
      }}
    />
  );
}
