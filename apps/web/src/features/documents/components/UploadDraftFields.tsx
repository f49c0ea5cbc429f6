/** The fields of one file on the add page, its progress and its outcome. */
import { Link } from 'react-router';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { Folder } from '@carnet/shared';
import { formatSize } from '../upload-drafts.ts';
import type { DraftUpload } from '../upload-drafts.ts';
import { DocumentFields } from './DocumentFields.tsx';

/** Props: the draft's place in the form, its file and outcome, the folders, and "Retirer". */
export interface UploadDraftFieldsProps {
  draftKey: string;
  index: number;
  upload: DraftUpload;
  folders: readonly Folder[];
  onRemove: () => void;
}

/** A fieldset named after the file (user text, escaped by React). */
export function UploadDraftFields({
  draftKey,
  index,
  upload,
  folders,
  onRemove,
}: UploadDraftFieldsProps) {
  const { file } = upload;
  const sending = upload.status === 'sending';
  const legend = (
    <legend className="fr-h6 fr-mb-2w">
      Fichier {index + 1} : {file.name}{' '}
      <span className="fr-text--sm fr-text--regular">({formatSize(file.size)})</span>
    </legend>
  );

  if (upload.status === 'done' && upload.added) {
    return (
      <fieldset className="carnet-upload-draft">
        {legend}
        <Alert severity="success" small description="Document ajouté." />
        <p className="fr-mt-2w fr-mb-0">
          <Link to={`/documents/${encodeURIComponent(upload.added.id)}`}>
            Voir le document<span className="fr-sr-only"> {upload.added.title}</span>
          </Link>
        </p>
      </fieldset>
    );
  }

  return (
    <fieldset className="carnet-upload-draft" disabled={sending}>
      {legend}
      {upload.message !== undefined && (
        <div data-focus-error="" tabIndex={-1}>
          <Alert className="fr-mb-3w" severity="error" small description={upload.message} />
        </div>
      )}
      <DocumentFields prefix={`drafts.${index}.`} folders={folders} />
      {sending && (
        <p className="fr-mb-2w">
          <label htmlFor={`progression-${draftKey}`}>Envoi en cours : {upload.progress} %</label>
          <progress id={`progression-${draftKey}`} max={100} value={upload.progress}>
            {upload.progress} %
          </progress>
        </p>
      )}
      <Button
        type="button"
        priority="tertiary"
        size="small"
        iconId="fr-icon-delete-bin-line"
        onClick={onRemove}
      >
        Retirer ce fichier<span className="fr-sr-only"> {file.name}</span>
      </Button>
    </fieldset>
  );
}
