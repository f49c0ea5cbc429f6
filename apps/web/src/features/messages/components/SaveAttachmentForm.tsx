/** "Enregistrer dans mes documents": the patient chooses the category, the server adds it. */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { documentCategories } from '@carnet/shared';
import { saveAttachment } from '../api.ts';
import { errorMessage } from '../wording.ts';

const categories = Object.entries(documentCategories);

/** One attachment of a conversation. */
export function SaveAttachmentForm(props: {
  conversationId: string;
  attachmentId: string;
  fileName: string;
}) {
  const [open, setOpen] = useState(false);
  const [category, setCategory] = useState('');
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () => saveAttachment(props.conversationId, props.attachmentId, category),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['documents'] }),
  });

  if (save.isSuccess)
    return (
      <Alert
        severity="success"
        small
        description={`« ${props.fileName} » a été enregistré dans vos documents.`}
      />
    );
  if (!open)
    return (
      <Button
        priority="tertiary"
        size="small"
        iconId="fr-icon-save-line"
        onClick={() => setOpen(true)}
      >
        Enregistrer dans mes documents
      </Button>
    );
  return (
    <form
      className="fr-mt-1w"
      onSubmit={(event) => {
        event.preventDefault();
        if (category) save.mutate();
      }}
    >
      <Select
        label={`Catégorie du document « ${props.fileName} »`}
        state={save.isError ? 'error' : 'default'}
        stateRelatedMessage={save.isError ? errorMessage(save.error) : undefined}
        nativeSelectProps={{
          value: category,
          required: true,
          onChange: (e) => setCategory(e.target.value),
        }}
      >
        <option value="" disabled>
          Sélectionnez une catégorie
        </option>
        {categories.map(([code, label]) => (
          <option key={code} value={code}>
            {label}
          </option>
        ))}
      </Select>
      <Button type="submit" size="small" disabled={save.isPending || !category}>
        Enregistrer
      </Button>{' '}
      <Button type="button" size="small" priority="secondary" onClick={() => setOpen(false)}>
        Annuler
      </Button>
    </form>
  );
}
