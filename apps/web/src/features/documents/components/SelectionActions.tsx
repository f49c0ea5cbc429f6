/** Actions on the selected documents: mask, make visible (POST /confidentiality), move to a folder. */
import { useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { DocumentSummary, Folder } from '@carnet/shared';
import { errorMessage } from '../../../ui/server-errors.ts';
import { useMoveDocuments, useSetConfidentiality } from '../hooks.ts';
import { documentCount } from '../wording.ts';

/** Outcome shown by the page: success or error, in French. */
export interface ActionOutcome {
  ok: boolean;
  message: string;
}

/** Props: the selected documents, the folders, and what to do once an action ends. */
export interface SelectionActionsProps {
  selected: readonly DocumentSummary[];
  folders: readonly Folder[];
  onDone: (outcome: ActionOutcome) => void;
}

/** Several documents at once (PRODUCT.md: masking "applies to several documents at once"). */
export function SelectionActions({ selected, folders, onDone }: SelectionActionsProps) {
  const [target, setTarget] = useState('');
  const confidentiality = useSetConfidentiality();
  const moving = useMoveDocuments();
  const pending = confidentiality.isPending || moving.isPending;
  const n = selected.length;
  const failed = (error: Error) => onDone({ ok: false, message: errorMessage(error) });

  const mask = (value: 'masque' | 'visible') => {
    if (pending) return;
    confidentiality.mutate(
      { ids: selected.map((d) => d.id), confidentiality: value },
      {
        onSuccess: (updated) =>
          onDone({
            ok: true,
            message:
              value === 'masque'
                ? `${documentCount(updated)} ${updated > 1 ? 'masqués' : 'masqué'} aux professionnels de santé.`
                : `${documentCount(updated)} ${updated > 1 ? 'rendus visibles' : 'rendu visible'} par vos professionnels de santé.`,
          }),
        onError: failed,
      },
    );
  };

  // Only the patient's own documents can change folder (PRODUCT.md "Edit").
  const movable = selected.filter((d) => d.editable);
  const move = () => {
    if (pending) return;
    const skipped = n - movable.length;
    const moved = `${documentCount(movable.length)} ${movable.length > 1 ? 'déplacés' : 'déplacé'}.`;
    moving.mutate(
      { ids: movable.map((d) => d.id), folderId: target === '' ? null : target },
      {
        onSuccess: () =>
          onDone({
            ok: true,
            message:
              skipped === 0
                ? moved
                : `${moved} ${documentCount(skipped)} ajouté${skipped > 1 ? 's' : ''} par un professionnel de santé ne peu${skipped > 1 ? 'vent' : 't'} pas être déplacé${skipped > 1 ? 's' : ''}.`,
          }),
        onError: failed,
      },
    );
  };

  return (
    <>
      <p className="fr-text--sm fr-mb-2w" role="status">
        {n === 0 ? '' : `${documentCount(n)} ${n > 1 ? 'sélectionnés' : 'sélectionné'}`}
      </p>
      {n > 0 && (
        <section
          className="carnet-selection fr-p-2w fr-mb-3w"
          aria-label="Actions sur les documents sélectionnés"
        >
          <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
            <div className="fr-col-12 fr-col-lg-6">
              <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-btns-group--icon-left fr-mb-0">
                <li>
                  <Button
                    size="small"
                    iconId="fr-icon-eye-off-line"
                    onClick={() => mask('masque')}
                    nativeButtonProps={{ 'aria-disabled': pending || undefined }}
                  >
                    Masquer aux professionnels de santé
                  </Button>
                </li>
                <li>
                  <Button
                    size="small"
                    priority="secondary"
                    iconId="fr-icon-eye-line"
                    onClick={() => mask('visible')}
                    nativeButtonProps={{ 'aria-disabled': pending || undefined }}
                  >
                    Rendre visible
                  </Button>
                </li>
              </ul>
            </div>
            <div className="fr-col-12 fr-col-lg-6 carnet-selection__move">
              <Select
                className="fr-mb-0"
                label="Déplacer vers"
                nativeSelectProps={{ value: target, onChange: (e) => setTarget(e.target.value) }}
              >
                <option value="">Aucun dossier</option>
                {folders.map((folder) => (
                  <option key={folder.id} value={folder.id}>
                    {folder.name}
                  </option>
                ))}
              </Select>
              <Button
                size="small"
                priority="secondary"
                onClick={move}
                nativeButtonProps={{ 'aria-disabled': pending || undefined }}
              >
                Déplacer
              </Button>
            </div>
          </div>
        </section>
      )}
    </>
  );
}
