/** "Filtrer par période": Du / Au, and the quick "Le mois dernier". */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { lastMonth } from '../period.ts';

/** A period of days, both bounds included; undefined = unbounded. */
export interface Period {
  from?: string | undefined;
  to?: string | undefined;
}

/** Props: the applied period and the callback that applies another. */
export interface PeriodFilterProps {
  period: Period;
  onChange: (period: Period) => void;
}

/** The form keeps its own draft; the list changes only on "Filtrer" or a quick choice. */
export function PeriodFilter({ period, onChange }: PeriodFilterProps) {
  const [from, setFrom] = useState(period.from ?? '');
  const [to, setTo] = useState(period.to ?? '');
  const [error, setError] = useState<string>();

  const apply = (next: Period) => {
    setFrom(next.from ?? '');
    setTo(next.to ?? '');
    setError(undefined);
    onChange(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (from && to && from > to) {
      setError('La date de fin doit être après la date de début.');
      return;
    }
    apply({ from: from || undefined, to: to || undefined });
  };

  return (
    <form onSubmit={submit} aria-labelledby="filtrer-periode" className="fr-mb-3w">
      <fieldset className="fr-fieldset">
        <legend id="filtrer-periode" className="fr-fieldset__legend fr-text--regular">
          Filtrer par période
        </legend>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Input
            label="Du"
            nativeInputProps={{
              type: 'date',
              value: from,
              onChange: (e) => setFrom(e.target.value),
            }}
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Input
            label="Au"
            state={error ? 'error' : 'default'}
            stateRelatedMessage={error}
            nativeInputProps={{
              type: 'date',
              value: to,
              onChange: (e) => setTo(e.target.value),
              'aria-invalid': error ? true : undefined,
            }}
          />
        </div>
        <div className="fr-fieldset__element">
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
            <li>
              <Button type="submit">Filtrer</Button>
            </li>
            <li>
              <Button
                type="button"
                priority="secondary"
                onClick={() => apply(lastMonth(new Date()))}
              >
                Le mois dernier
              </Button>
            </li>
            {(period.from ?? period.to) && (
              <li>
                <Button type="button" priority="tertiary" onClick={() => apply({})}>
                  Toute la période
                </Button>
              </li>
            )}
          </ul>
        </div>
      </fieldset>
    </form>
  );
}
