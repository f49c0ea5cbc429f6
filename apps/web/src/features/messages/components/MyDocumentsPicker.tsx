/** The patient attaches documents of her profile: a list of checkboxes, loaded when opened. */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { listMyDocuments } from '../api.ts';

/** `selected` document ids. */
export function MyDocumentsPicker(props: {
  selected: readonly string[];
  onChange: (ids: string[]) => void;
}) {
  const [open, setOpen] = useState(false);
  const documents = useQuery({
    queryKey: ['documents', 'for-message'],
    queryFn: listMyDocuments,
    enabled: open,
  });
  return (
    <details className="fr-mt-2w" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Joindre un document de mon profil</summary>
      {documents.isPending && open && <p role="status">Chargement en cours…</p>}
      {documents.data && documents.data.items.length === 0 && <p>Aucun document.</p>}
      {documents.data && documents.data.items.length > 0 && (
        <Checkbox
          legend="Mes documents"
          options={documents.data.items.map((d) => ({
            label: d.title,
            nativeInputProps: {
              checked: props.selected.includes(d.id),
              onChange: (e) =>
                props.onChange(
                  e.target.checked
                    ? [...props.selected, d.id]
                    : props.selected.filter((id) => id !== d.id),
                ),
            },
          }))}
        />
      )}
    </details>
  );
}
