/** The confirmation before a definitive deletion (PRODUCT.md "Delete": "supprimé définitivement"). */
import { useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { createModal } from '@codegouvfr/react-dsfr/Modal';
import type { DocumentSummary } from '@carnet/shared';
import { toFormErrors } from '../../../ui/form-errors.ts';
import { deleteDocument } from '../api.ts';

/** The DSFR modal; a "Supprimer" button opens it with `nativeButtonProps={…buttonProps}`. */
export const deleteDocumentModal = createModal({
  id: 'supprimer-document',
  isOpenedByDefault: false,
});

/** Props: the document and what to do once it is gone. */
export interface DeleteDocumentModalProps {
  document: DocumentSummary;
  onDeleted: () => void;
}

/** The modal stays open on failure and says why. */
export function DeleteDocumentModal({ document, onDeleted }: DeleteDocumentModalProps) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const confirm = () => {
    if (pending) return;
    setPending(true);
    setError(undefined);
    deleteDocument(document.id).then(
      () => {
        setPending(false);
        deleteDocumentModal.close();
        onDeleted();
      },
      (failure: unknown) => {
        setPending(false);
        setError(toFormErrors(failure).message);
      },
    );
  };
  return (
    <deleteDocumentModal.Component
      title="Supprimer ce document ?"
      buttons={[
        {
          children: 'Supprimer définitivement',
          priority: 'primary',
          doClosesModal: false,
          onClick: confirm,
          nativeButtonProps: { 'aria-disabled': pending || undefined },
        },
        { children: 'Annuler', priority: 'secondary' },
      ]}
    >
      {error !== undefined && (
        <Alert className="fr-mb-2w" severity="error" small description={error} />
      )}
      <p className="fr-text--bold fr-mb-1w">{document.title}</p>
      <p>Ce document sera supprimé définitivement. Cette action est irréversible.</p>
    </deleteDocumentModal.Component>
  );
}
