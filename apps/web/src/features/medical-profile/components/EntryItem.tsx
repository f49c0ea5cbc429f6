/** One entry of a rubrique: what it says (as text), who added it, masking, edit and delete. */
import { useState } from 'react';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { ProfileEntry } from '@carnet/shared';
import { describeEntry, frenchDate } from '@carnet/shared';
import { deleteEntry, maskEntry, updateEntry } from '../api.ts';
import { todayInFrance, valuesOf } from '../entry-fields.ts';
import { useProfileMutation } from '../hooks.ts';
import { EntryForm } from './EntryForm.tsx';

/** Props of an entry. */
export interface EntryItemProps {
  entry: ProfileEntry;
  options?: Partial<Record<string, Readonly<Record<string, string>>>>;
}

/** An entry with its actions. */
export function EntryItem({ entry, options }: EntryItemProps) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const mask = useProfileMutation((masked: boolean) => maskEntry(entry.id, masked));
  const remove = useProfileMutation(() => deleteEntry(entry.id));
  const update = useProfileMutation((data: Parameters<typeof updateEntry>[1]) =>
    updateEntry(entry.id, data),
  );
  const { title, detail } = describeEntry(entry.data);
  const byProfessional = entry.author.type === 'professional';

  if (editing)
    return (
      <li className="fr-mb-3w">
        <EntryForm
          type={entry.data.type}
          initial={valuesOf(entry.data)}
          options={options}
          submitLabel="Enregistrer"
          onSubmit={async (data) => {
            await update.mutateAsync(data);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );

  return (
    <li className="fr-mb-3w">
      <p className="fr-mb-1v">
        <strong>{title}</strong>
        {detail && <> — {detail}</>}
      </p>
      {entry.nextDate && (
        <p className="fr-text--sm fr-mb-1v">
          {entry.nextDate <= todayInFrance() ? (
            <Badge small severity="new" as="span">
              Rappel à faire depuis le {frenchDate(entry.nextDate)}
            </Badge>
          ) : (
            <>Prochain rappel recommandé : {frenchDate(entry.nextDate)}</>
          )}
        </p>
      )}
      <p className="fr-mb-1w">
        {entry.masked && (
          <Badge small severity="warning" className="fr-mr-1w">
            Masqué aux professionnels
          </Badge>
        )}
        {byProfessional && (
          <Badge small severity="info">
            Ajouté par {entry.author.name}
          </Badge>
        )}
      </p>
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
        {!byProfessional && (
          <li>
            <Button size="small" priority="tertiary" onClick={() => setEditing(true)}>
              Modifier<span className="fr-sr-only"> : {title}</span>
            </Button>
          </li>
        )}
        <li>
          <Button
            size="small"
            priority="tertiary"
            disabled={mask.isPending}
            onClick={() => mask.mutate(!entry.masked)}
          >
            {entry.masked ? 'Rendre visible aux professionnels' : 'Masquer aux professionnels'}
            <span className="fr-sr-only"> : {title}</span>
          </Button>
        </li>
        {!byProfessional && (
          <li>
            {confirming ? (
              <Button size="small" priority="primary" onClick={() => remove.mutate()}>
                Confirmer la suppression<span className="fr-sr-only"> : {title}</span>
              </Button>
            ) : (
              <Button size="small" priority="tertiary" onClick={() => setConfirming(true)}>
                Supprimer<span className="fr-sr-only"> : {title}</span>
              </Button>
            )}
          </li>
        )}
      </ul>
    </li>
  );
}
