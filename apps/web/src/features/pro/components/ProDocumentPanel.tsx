/**
 * An opened document in the professional space: "Télécharger", the preview and, on the
 * professional's own documents, masking, invisibility to the patient and deletion (ACCESS.md
 * "Professional side: other actions": only its author).
 */
import { useRef, useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { ProDocumentSummary } from '@carnet/shared';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { Panel } from '../../../ui/Panel.tsx';
import { errorMessage } from '../../../ui/server-errors.ts';
import { DocumentPreviewView } from '../../documents/components/DocumentPreviewView.tsx';
import { formatSize } from '../../documents/upload-drafts.ts';
import { patientDocumentUrls } from '../api.ts';
import type { ProDocumentUpdate } from '../api.ts';
import { exclusionHint, updateMessages } from '../documents-wording.ts';
import { useDeletePatientDocument, useUpdatePatientDocument } from '../hooks.ts';
import { documentPanelId } from './ProDocumentItem.tsx';

/** Props: the record, the document, and what to do after a change or a deletion. */
export interface ProDocumentPanelProps {
  patientId: string;
  document: ProDocumentSummary;
  onUpdated: (document: ProDocumentSummary, message: string) => void;
  onDeleted: (document: ProDocumentSummary) => void;
}

/** The panel under the document's line; its buttons keep focus while their label changes. */
export function ProDocumentPanel({
  patientId,
  document,
  onUpdated,
  onDeleted,
}: ProDocumentPanelProps) {
  const urls = patientDocumentUrls(patientId, document.id);
  const update = useUpdatePatientDocument(patientId);
  const deletion = useDeletePatientDocument(patientId);
  const pending = update.isPending || deletion.isPending;
  const failure = update.error ?? deletion.error;
  const [confirming, setConfirming] = useState(false);
  const confirmText = useRef<HTMLParagraphElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const masked = document.confidentiality === 'masque';
  const invisible = document.invisibleToPatient;

  const change = (next: ProDocumentUpdate, message: string) => {
    if (pending) return;
    deletion.reset();
    update.mutate(
      { docId: document.id, update: next },
      { onSuccess: (updated) => onUpdated(updated, message) },
    );
  };
  const remove = () => {
    if (pending) return;
    update.reset();
    deletion.mutate(document.id, { onSuccess: () => onDeleted(document) });
  };

  return (
    <Panel
      id={documentPanelId(document.id)}
      className="fr-p-3w fr-mb-3w"
      role="region"
      aria-label={`Document ${document.title}`}
    >
      <p className="fr-text--sm">
        Fichier : {document.fileName} ({formatSize(document.size)})
      </p>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mb-1w">
        <li>
          <a
            className="fr-btn fr-icon-download-line fr-btn--icon-left"
            href={urls.download}
            download={document.fileName}
          >
            Télécharger<span className="fr-sr-only"> {document.title}</span>
          </a>
        </li>
        {document.mine && (
          <>
            <li>
              <Button
                priority="secondary"
                iconId={masked ? 'fr-icon-eye-line' : 'fr-icon-eye-off-line'}
                disabled={invisible && !masked}
                onClick={() =>
                  masked
                    ? change({ confidentiality: 'visible' }, updateMessages.unmasked)
                    : change({ confidentiality: 'masque' }, updateMessages.masked)
                }
              >
                {masked ? (
                  <>
                    Rendre visible<span className="fr-sr-only"> aux autres professionnels</span>
                  </>
                ) : (
                  'Masquer aux autres professionnels'
                )}
              </Button>
            </li>
            <li>
              <Button
                priority="secondary"
                iconId={invisible ? 'fr-icon-user-line' : 'ri-user-forbid-line'}
                disabled={masked && !invisible}
                onClick={() =>
                  invisible
                    ? change({ invisibleToPatient: false }, updateMessages.visible)
                    : change({ invisibleToPatient: true }, updateMessages.invisible)
                }
              >
                {invisible ? 'Rendre visible pour le patient' : 'Rendre invisible pour le patient'}
              </Button>
            </li>
            <li>
              <Button
                ref={deleteButton}
                priority="tertiary"
                iconId="fr-icon-delete-bin-line"
                onClick={() => {
                  setConfirming(true);
                  requestAnimationFrame(() => confirmText.current?.focus());
                }}
              >
                Supprimer
              </Button>
            </li>
          </>
        )}
      </ul>
      {document.mine && (masked || invisible) && (
        <p className="fr-hint-text fr-mb-2w">{exclusionHint}</p>
      )}
      <div aria-live="assertive">
        <FormAlert message={failure ? errorMessage(failure) : undefined} />
      </div>
      {confirming && (
        <div className="fr-mb-3w">
          <p ref={confirmText} tabIndex={-1} className="fr-text--bold fr-mb-1w">
            Supprimer ce document ?
          </p>
          <p>
            Le document ne sera plus visible dans le dossier du patient. Sa suppression est tracée.
          </p>
          <ul className="fr-btns-group fr-btns-group--inline-sm">
            <li>
              <Button
                onClick={remove}
                nativeButtonProps={{ 'aria-disabled': pending || undefined }}
              >
                Confirmer la suppression
              </Button>
            </li>
            <li>
              <Button
                priority="secondary"
                onClick={() => {
                  setConfirming(false);
                  deleteButton.current?.focus();
                }}
              >
                Annuler
              </Button>
            </li>
          </ul>
        </div>
      )}
      <h4 className="fr-h6">Aperçu</h4>
      <DocumentPreviewView url={urls.resource} title={document.title} />
    </Panel>
  );
}
