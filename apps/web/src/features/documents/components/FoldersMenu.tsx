/** The folders beside the list: "Tous les documents", each folder with its count, "Créer un dossier". */
import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { Folder } from '@carnet/shared';
import { useCreateFolder } from '../hooks.ts';
import { FolderNameForm } from './FolderNameForm.tsx';

/** Props: the folders, the open one, its link, and what to do after a creation. */
export interface FoldersMenuProps {
  folders: readonly Folder[];
  activeId: string | undefined;
  linkTo: (folderId: string | undefined) => string;
  onCreated: (name: string) => void;
}

/** A navigation landmark; the open folder carries aria-current. */
export function FoldersMenu({ folders, activeId, linkTo, onCreated }: FoldersMenuProps) {
  const [creating, setCreating] = useState(false);
  const create = useCreateFolder();
  const item = (id: string | undefined, text: string) => (
    <li key={id ?? 'tous'} className="fr-sidemenu__item">
      <Link
        className="fr-sidemenu__link"
        to={linkTo(id)}
        aria-current={activeId === id ? 'page' : undefined}
      >
        {text}
      </Link>
    </li>
  );
  return (
    <nav className="fr-sidemenu fr-mb-3w" aria-labelledby="dossiers-titre">
      <div className="fr-sidemenu__inner">
        <h2 id="dossiers-titre" className="fr-sidemenu__title">
          Dossiers
        </h2>
        <ul className="fr-sidemenu__list">
          {item(undefined, 'Tous les documents')}
          {folders.map((folder) => item(folder.id, `${folder.name} (${folder.documentCount})`))}
        </ul>
        {creating ? (
          <FolderNameForm
            submitLabel="Créer"
            mutation={create}
            onDone={(name) => {
              setCreating(false);
              onCreated(name);
            }}
            onCancel={() => setCreating(false)}
          />
        ) : (
          <Button
            className="fr-mt-2w"
            priority="secondary"
            size="small"
            iconId="ri-folder-add-line"
            onClick={() => setCreating(true)}
          >
            Créer un dossier
          </Button>
        )}
      </div>
    </nav>
  );
}
