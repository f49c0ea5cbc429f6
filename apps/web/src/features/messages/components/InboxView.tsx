/** An inbox with its search in subjects (and, for the patient, the archived conversations). */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { SegmentedControl } from '@codegouvfr/react-dsfr/SegmentedControl';
import type { Side } from '../api.ts';
import { useConversations } from '../hooks.ts';
import { errorMessage } from '../wording.ts';
import { ConversationTable } from './ConversationTable.tsx';

/** The list of one side; `linkTo` gives a conversation's page. */
export function InboxView(props: { side: Side; linkTo: (id: string) => string }) {
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [archived, setArchived] = useState(false);
  const name = useId();
  const list = useConversations(props.side, q, archived);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQ(draft.trim());
  };
  const caption = archived ? 'Conversations archivées' : 'Boîte de réception';

  return (
    <>
      {props.side === 'patient' && (
        <SegmentedControl
          className="fr-mb-3w"
          legend="Afficher"
          hideLegend
          segments={[
            {
              label: 'Boîte de réception',
              nativeInputProps: { name, checked: !archived, onChange: () => setArchived(false) },
            },
            {
              label: 'Archivés',
              nativeInputProps: { name, checked: archived, onChange: () => setArchived(true) },
            },
          ]}
        />
      )}
      <form role="search" onSubmit={submit} className="fr-mb-3w">
        <Input
          label="Rechercher dans les objets des messages"
          nativeInputProps={{
            type: 'search',
            value: draft,
            onChange: (e) => setDraft(e.target.value),
            maxLength: 200,
          }}
        />
        <Button type="submit" priority="secondary" iconId="fr-icon-search-line">
          Rechercher
        </Button>
      </form>
      {list.isPending && <p role="status">Chargement en cours…</p>}
      {list.isError && <Alert severity="error" small description={errorMessage(list.error)} />}
      {list.data &&
        (list.data.items.length === 0 ? (
          <p role="status">
            {q ? 'Aucune conversation ne correspond à votre recherche.' : 'Aucun message.'}
          </p>
        ) : (
          <ConversationTable
            side={props.side}
            items={list.data.items}
            linkTo={props.linkTo}
            caption={caption}
          />
        ))}
    </>
  );
}
