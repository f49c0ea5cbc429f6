/** The confirmation before a definitive deletion (PRODUCT.md "Delete": "supprimé définitivement"). */
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { createModal } from '@codegouvfr/react-dsfr/Modal';
import type { DocumentSummary } from '@carnet/shared';
import { errorMessage } from '../../../ui/server-errors.ts';
import { useDeleteDocument } from '../hooks.ts';

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
  const deletion = useDeleteDocument();
  const pending = deletion.isPending;
  const error = deletion.isError ? errorMessage(deletion.error) : undefined;
  const confirm = () => {
    if (pending) return;
    deletion.mutate(document.id, {
      onSuccess: () => {
        deleteDocumentModal.close();
        onDeleted();
      },
    });
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
