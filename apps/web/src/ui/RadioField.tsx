/** DSFR radio buttons with their error state, registered in a form (see `bind`). */
import type { ComponentProps, ReactNode } from 'react';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';

/** Props: the legend, one option per value, the error and the registration of the field. */
export interface RadioFieldProps {
  legend: string;
  hintText?: ReactNode;
  options: readonly { value: string; label: string; disabled?: boolean }[];
  error?: string | undefined;
  input?: ComponentProps<'input'>;
  /** Controlled use, for a caller that holds the value itself. */
  name?: string;
  value?: string;
  onChange?: (value: string) => void;
}

/** A fieldset of radios; the error is announced with the legend. */
export function RadioField(props: RadioFieldProps) {
  const { error, input, onChange, options } = props;
  return (
    <RadioButtons
      legend={props.legend}
      hintText={props.hintText}
      name={input?.name ?? props.name}
      state={error === undefined ? 'default' : 'error'}
      stateRelatedMessage={error}
      options={options.map((option) => ({
        label: option.label,
        nativeInputProps: {
          ...input,
          value: option.value,
          disabled: option.disabled,
          ...(onChange === undefined
            ? {}
            : { checked: props.value === option.value, onChange: () => onChange(option.value) }),
          'aria-invalid': error === undefined ? undefined : true,
        },
      }))}
    />
  );
}
