/** The fields of one file on the add page, its progress and its outcome. */
import { Link } from 'react-router';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { Confidentiality, Folder } from '@carnet/shared';
import { RadioField } from '../../../ui/RadioField.tsx';
import { TextField } from '../../../ui/TextField.tsx';
import type { BoundField } from '../../../ui/use-form.ts';
import { formatSize } from '../upload-drafts.ts';
import type { DraftField, UploadDraft } from '../upload-drafts.ts';
import { categoryOptions, confidentialityOptions, todayIso } from '../wording.ts';

/** Props: the draft, its position, the folders, the default confidentiality and the changes. */
export interface UploadDraftFieldsProps {
  draft: UploadDraft;
  index: number;
  folders: readonly Folder[];
  defaultConfidentiality: Confidentiality | undefined;
  onEdit: (name: DraftField, value: string) => void;
  onRemove: () => void;
}

/** A fieldset named after the file (user text, escaped by React). */
export function UploadDraftFields(props: UploadDraftFieldsProps) {
  const { draft, index, folders, onEdit } = props;
  const sending = draft.status === 'sending';
  const bind = (name: DraftField): BoundField => ({
    name: `${name}-${draft.key}`,
    value:
      name === 'confidentiality'
        ? draft.confidentiality || (props.defaultConfidentiality ?? '')
        : draft[name],
    error: draft.errors[name],
    onChange: (value) => onEdit(name, value),
  });
  const legend = (
    <legend className="fr-h6 fr-mb-2w">
      Fichier {index + 1} : {draft.file.name}{' '}
      <span className="fr-text--sm fr-text--regular">({formatSize(draft.file.size)})</span>
    </legend>
  );

  if (draft.status === 'done' && draft.added) {
    return (
      <fieldset className="carnet-upload-draft">
        {legend}
        <Alert severity="success" small description="Document ajouté." />
        <p className="fr-mt-2w fr-mb-0">
          <Link to={`/documents/${encodeURIComponent(draft.added.id)}`}>
            Voir le document<span className="fr-sr-only"> {draft.added.title}</span>
          </Link>
        </p>
      </fieldset>
    );
  }

  const date = bind('date');
  const category = bind('category');
  const folder = bind('folderId');
  return (
    <fieldset className="carnet-upload-draft" disabled={sending}>
      {legend}
      {draft.message !== undefined && (
        <div data-focus-error="" tabIndex={-1}>
          <Alert className="fr-mb-3w" severity="error" small description={draft.message} />
        </div>
      )}
      <TextField {...bind('title')} label="Nom du document" input={{ maxLength: 200 }} />
      <TextField
        {...date}
        label="Date du document"
        hintText="Elle ne peut pas être dans le futur."
        input={{ type: 'date', max: todayIso(), required: true }}
      />
      <Select
        label="Type de document"
        state={category.error === undefined ? 'default' : 'error'}
        stateRelatedMessage={category.error}
        nativeSelectProps={{
          name: category.name,
          value: category.value,
          required: true,
          onChange: (event) => category.onChange(event.target.value),
          'aria-invalid': category.error === undefined ? undefined : true,
        }}
      >
        <option value="" disabled>
          Sélectionner un type de document
        </option>
        {categoryOptions.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
      <RadioField
        {...bind('confidentiality')}
        legend="Confidentialité"
        options={confidentialityOptions}
      />
      {folders.length > 0 && (
        <Select
          label="Dossier (facultatif)"
          nativeSelectProps={{
            name: folder.name,
            value: folder.value,
            onChange: (event) => folder.onChange(event.target.value),
          }}
        >
          <option value="">Aucun dossier</option>
          {folders.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </Select>
      )}
      {sending && (
        <p className="fr-mb-2w">
          <label htmlFor={`progression-${draft.key}`}>Envoi en cours : {draft.progress} %</label>
          <progress id={`progression-${draft.key}`} max={100} value={draft.progress}>
            {draft.progress} %
          </progress>
        </p>
      )}
      <Button
        type="button"
        priority="tertiary"
        size="small"
        iconId="fr-icon-delete-bin-line"
        onClick={props.onRemove}
      >
        Retirer ce fichier<span className="fr-sr-only"> {draft.file.name}</span>
      </Button>
    </fieldset>
  );
}
