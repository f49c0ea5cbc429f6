/** DSFR radio buttons bound to a form field, with its error state. */
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import type { BoundField } from './use-form.ts';

/** Props: the bound field, the legend and one option per value. */
export interface RadioFieldProps extends BoundField {
  legend: string;
  options: readonly { value: string; label: string }[];
}

/** A fieldset of radios; the error is announced with the legend. */
export function RadioField({ name, value, error, onChange, legend, options }: RadioFieldProps) {
  return (
    <RadioButtons
      legend={legend}
      name={name}
      state={error === undefined ? 'default' : 'error'}
      stateRelatedMessage={error}
      options={options.map((option) => ({
        label: option.label,
        nativeInputProps: {
          value: option.value,
          checked: value === option.value,
          onChange: () => onChange(option.value),
          'aria-invalid': error === undefined ? undefined : true,
        },
      }))}
    />
  );
}
