/** Heading of an open folder with "Renommer le dossier" and "Supprimer le dossier" (confirmed). */
import { useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { createModal } from '@codegouvfr/react-dsfr/Modal';
import type { Folder } from '@carnet/shared';
import { errorMessage } from '../../../ui/server-errors.ts';
import { useDeleteFolder, useRenameFolder } from '../hooks.ts';
import type { ActionOutcome } from './SelectionActions.tsx';
import { FolderNameForm } from './FolderNameForm.tsx';

const deleteFolderModal = createModal({ id: 'supprimer-dossier', isOpenedByDefault: false });

/** Props: the open folder and what to do after a rename or a deletion. */
export interface FolderHeaderProps {
  folder: Folder;
  onRenamed: (outcome: ActionOutcome) => void;
  onDeleted: (outcome: ActionOutcome) => void;
}

/** Deleting a folder keeps its documents: they move out of it. */
export function FolderHeader({ folder, onRenamed, onDeleted }: FolderHeaderProps) {
  const [renaming, setRenaming] = useState(false);
  const rename = useRenameFolder(folder.id);
  const deletion = useDeleteFolder();
  const remove = () =>
    deletion.mutate(folder.id, {
      onSuccess: () =>
        onDeleted({ ok: true, message: `Le dossier « ${folder.name} » a été supprimé.` }),
      onError: (error) => onDeleted({ ok: false, message: errorMessage(error) }),
    });
  return (
    <div className="fr-mb-3w">
      <h2 className="fr-h4 fr-mb-1w">Dossier « {folder.name} »</h2>
      {renaming ? (
        <FolderNameForm
          initial={folder.name}
          submitLabel="Renommer"
          mutation={rename}
          onDone={(name) => {
            setRenaming(false);
            onRenamed({ ok: true, message: `Le dossier a été renommé « ${name} ».` });
          }}
          onCancel={() => setRenaming(false)}
        />
      ) : (
        <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-btns-group--icon-left">
          <li>
            <Button
              priority="secondary"
              size="small"
              iconId="fr-icon-edit-line"
              onClick={() => setRenaming(true)}
            >
              Renommer le dossier
            </Button>
          </li>
          <li>
            <Button
              priority="tertiary"
              size="small"
              iconId="fr-icon-delete-bin-line"
              nativeButtonProps={deleteFolderModal.buttonProps}
            >
              Supprimer le dossier
            </Button>
          </li>
        </ul>
      )}
      <deleteFolderModal.Component
        title="Supprimer ce dossier ?"
        buttons={[
          { children: 'Supprimer le dossier', priority: 'primary', onClick: remove },
          { children: 'Annuler', priority: 'secondary' },
        ]}
      >
        <p>
          Le dossier « {folder.name} » sera supprimé. Les documents qu'il contient ne sont pas
          supprimés : ils restent dans Mes documents.
        </p>
      </deleteFolderModal.Component>
    </div>
  );
}
