/** The optional target range of a measure (react-hook-form, French errors from the server). */
import { useForm } from 'react-hook-form';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import type { MeasureCode, MeasureTarget } from '@carnet/shared';
import { measureDefinitions } from '@carnet/shared';
import { useState } from 'react';
import { ApiError, unavailableMessage } from '../../../app/http.ts';
import { setTarget } from '../api.ts';
import { useProfileMutation } from '../hooks.ts';

const toNumber = (s: string) => (s.trim() === '' ? null : Number(s.replace(',', '.')));

/** "Mon objectif": min and max, both optional. */
export function TargetForm(props: { measure: MeasureCode; target: MeasureTarget | undefined }) {
  const def = measureDefinitions[props.measure];
  const form = useForm({
    defaultValues: {
      min: props.target?.min?.toString() ?? '',
      max: props.target?.max?.toString() ?? '',
    },
  });
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string }>();
  const save = useProfileMutation((t: MeasureTarget) => setTarget(props.measure, t));
  const submit = form.handleSubmit(async (v) => {
    setOutcome(undefined);
    try {
      await save.mutateAsync({ min: toNumber(v.min), max: toNumber(v.max) });
      setOutcome({ ok: true, message: 'Objectif enregistré' });
    } catch (error) {
      const message =
        error instanceof ApiError
          ? (Object.values(error.fields)[0] ?? error.message)
          : unavailableMessage;
      setOutcome({ ok: false, message });
    }
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="fr-mb-4w">
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">
          Mon objectif : {def.label.toLowerCase()} (facultatif)
        </legend>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Input
            label={`Minimum (${def.unit})`}
            nativeInputProps={{ inputMode: 'decimal', ...form.register('min') }}
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Input
            label={`Maximum (${def.unit})`}
            nativeInputProps={{ inputMode: 'decimal', ...form.register('max') }}
          />
        </div>
      </fieldset>
      {outcome && (
        <Alert
          small
          severity={outcome.ok ? 'success' : 'error'}
          description={outcome.message}
          className="fr-mb-2w"
        />
      )}
      <Button type="submit" priority="secondary" disabled={save.isPending}>
        Enregistrer l’objectif
      </Button>
    </form>
  );
}
