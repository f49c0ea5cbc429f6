/**
 * Adding or editing one entry: react-hook-form, checked on the client with the wire schema of
 * @carnet/shared, then by the server whose French field errors are shown on their fields.
 */
import { useForm, useWatch } from 'react-hook-form';
import type { FieldErrors, Resolver } from 'react-hook-form';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { MeasureDefinition, ProfileEntryDataInput, ProfileEntryType } from '@carnet/shared';
import { measureDefinitions, profileEntryDataSchema } from '@carnet/shared';
import { useState } from 'react';
import { ApiError, unavailableMessage } from '../../../app/http.ts';
import type { EntryField, EntryFormValues } from '../entry-fields.ts';
import { emptyValues, entryFields, isShown, toEntry } from '../entry-fields.ts';

/** Props of the form. */
export interface EntryFormProps {
  type: ProfileEntryType;
  /** Values of the entry being edited; absent for a new one. */
  initial?: EntryFormValues;
  /** Options of select fields known only at run time (directives: the DIR_ANT documents). */
  options?: Partial<Record<string, Readonly<Record<string, string>>>>;
  submitLabel: string;
  onSubmit: (entry: ProfileEntryDataInput) => Promise<unknown>;
  onCancel?: () => void;
}

/** The wire schema as a react-hook-form resolver over the form's strings. */
const resolverFor =
  (type: ProfileEntryType): Resolver<EntryFormValues> =>
  (values) => {
    const parsed = profileEntryDataSchema.safeParse(toEntry(type, values));
    if (parsed.success) return { values, errors: {} };
    const errors: FieldErrors<EntryFormValues> = {};
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? 'type');
      errors[name] ??= { type: 'validate', message: issue.message };
    }
    return { values: {}, errors };
  };

function labelOf(type: ProfileEntryType, field: EntryField, values: EntryFormValues): string {
  if (type !== 'mesure' || field.name !== 'value') return field.label;
  const def: MeasureDefinition | undefined =
    measureDefinitions[values.measure as keyof typeof measureDefinitions];
  if (!def) return field.label;
  return def.second ? `Tension systolique (${def.unit})` : `${def.label} (${def.unit})`;
}

/** The form of one entry type. */
export function EntryForm(props: EntryFormProps) {
  const { type } = props;
  const form = useForm<EntryFormValues>({
    defaultValues: props.initial ?? emptyValues(type),
    resolver: resolverFor(type),
  });
  const [failure, setFailure] = useState<string>();
  const values = useWatch({ control: form.control }) as EntryFormValues;
  const errors = form.formState.errors;

  const submit = form.handleSubmit(async (v) => {
    setFailure(undefined);
    try {
      await props.onSubmit(toEntry(type, v));
      if (!props.initial) form.reset(emptyValues(type));
    } catch (error) {
      if (!(error instanceof ApiError)) return setFailure(unavailableMessage);
      const fields = Object.entries(error.fields);
      for (const [path, message] of fields)
        form.setError(path.replace(/^entry\./, ''), { type: 'server', message });
      if (fields.length === 0) setFailure(error.message);
      else form.setFocus(fields[0]![0].replace(/^entry\./, ''));
    }
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {failure && <Alert severity="error" small description={failure} className="fr-mb-2w" />}
      {entryFields[type]
        .filter((field) => isShown(field, values))
        .map((field) => {
          const error = errors[field.name]?.message;
          const state = error ? ('error' as const) : ('default' as const);
          const label = `${labelOf(type, field, values)}${field.optional ? ' (facultatif)' : ''}`;
          const id = `entry-${type}-${field.name}`;
          if (field.kind === 'checkbox')
            return (
              <Checkbox
                key={field.name}
                options={[{ label, nativeInputProps: { id, ...form.register(field.name) } }]}
              />
            );
          if (field.kind === 'select') {
            const options = props.options?.[field.name] ?? field.options ?? {};
            return (
              <Select
                key={field.name}
                label={label}
                state={state}
                stateRelatedMessage={error}
                nativeSelectProps={{ id, ...form.register(field.name) }}
              >
                {Object.entries(options).map(([value, text]) => (
                  <option key={value} value={value}>
                    {text}
                  </option>
                ))}
              </Select>
            );
          }
          if (field.kind === 'textarea')
            return (
              <Input
                key={field.name}
                label={label}
                hintText={field.hint}
                state={state}
                stateRelatedMessage={error}
                textArea
                nativeTextAreaProps={{ id, rows: 3, ...form.register(field.name) }}
              />
            );
          return (
            <Input
              key={field.name}
              label={label}
              hintText={field.hint}
              state={state}
              stateRelatedMessage={error}
              nativeInputProps={{
                id,
                type: field.kind === 'date' ? 'date' : 'text',
                inputMode: field.kind === 'number' ? 'decimal' : undefined,
                ...form.register(field.name),
              }}
            />
          );
        })}
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <Button type="submit" disabled={form.formState.isSubmitting}>
            {props.submitLabel}
          </Button>
        </li>
        {props.onCancel && (
          <li>
            <Button type="button" priority="secondary" onClick={props.onCancel}>
              Annuler
            </Button>
          </li>
        )}
      </ul>
    </form>
  );
}
