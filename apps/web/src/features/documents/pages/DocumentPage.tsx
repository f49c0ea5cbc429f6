/** /documents/:id: the document, its preview, "Télécharger", "Modifier", "Supprimer". */
import { useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { DocumentSummary } from '@carnet/shared';
import { errorMessage, isNotFound } from '../../../ui/server-errors.ts';
import { Panel } from '../../../ui/Panel.tsx';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { documentUrl, downloadUrl } from '../api.ts';
import { DeleteDocumentModal, deleteDocumentModal } from '../components/DeleteDocumentModal.tsx';
import { DocumentBadges } from '../components/DocumentBadges.tsx';
import { DocumentEditForm } from '../components/DocumentEditForm.tsx';
import { DocumentPreviewView } from '../components/DocumentPreviewView.tsx';
import { ReportProblemForm } from '../components/ReportProblemForm.tsx';
import { useDocument, useFolders, useUpdateDocument } from '../hooks.ts';
import { noticeState } from '../notice.ts';
import { addedByLabel, categoryLabel, formatDate, readOnlyMessage } from '../wording.ts';
import '../documents.css';

/** Loads the document; 404 (missing or not the patient's) says so plainly. */
export function DocumentPage() {
  const { id = '' } = useParams();
  const query = useDocument(id);
  // A neutral tab title: document titles are health data and the title lands in the history.
  usePageTitle('Document - Mes documents');
  if (query.isPending) return <p role="status">Chargement en cours…</p>;
  if (query.isError) {
    return (
      <>
        <BackLink />
        <h1>Document</h1>
        <Alert
          severity="error"
          small
          description={
            isNotFound(query.error) ? 'Ce document est introuvable.' : errorMessage(query.error)
          }
        />
      </>
    );
  }
  return <DocumentView key={query.data.id} document={query.data} />;
}

function BackLink() {
  return (
    <p className="fr-mb-2w">
      <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to="/documents">
        Mes documents
      </Link>
    </p>
  );
}

const panelId = 'modifier-document';

function DocumentView({ document }: { document: DocumentSummary }) {
  const navigate = useNavigate();
  const folders = useFolders();
  const update = useUpdateDocument();
  const [editing, setEditing] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string }>();
  const editButton = useRef<HTMLButtonElement>(null);
  const status = useRef<HTMLDivElement>(null);
  const addedBy = addedByLabel(document.author);
  const folderList = folders.data ?? [];
  const folder = folderList.find((f) => f.id === document.folderId);

  // The document shown is the query's: the update mutation has already put the new one there.
  const saved = () => {
    setEditing(false);
    setOutcome({ ok: true, message: 'Mise à jour effectuée' });
    requestAnimationFrame(() => status.current?.focus());
  };
  const togglePin = () => {
    setOutcome(undefined);
    update.mutate(
      { id: document.id, update: { pinned: !document.pinned } },
      { onError: (error) => setOutcome({ ok: false, message: errorMessage(error) }) },
    );
  };

  return (
    <>
      <BackLink />
      <h1 className="carnet-document__body">{document.title}</h1>
      <ul className="fr-mb-2w">
        <li>Date du document : {formatDate(document.date)}</li>
        <li>Type de document : {categoryLabel(document.category)}</li>
        {folder && <li>Dossier : {folder.name}</li>}
        <li>Fichier : {document.fileName}</li>
      </ul>
      <div className="fr-mb-3w">
        <DocumentBadges document={document} />
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mb-2w">
        <li>
          <a
            className="fr-btn fr-icon-download-line fr-btn--icon-left"
            href={downloadUrl(document.id)}
            download={document.fileName}
          >
            Télécharger
          </a>
        </li>
        <li>
          <Button
            ref={editButton}
            priority="secondary"
            iconId="fr-icon-edit-line"
            onClick={() => {
              setOutcome(undefined);
              setEditing(!editing);
            }}
            nativeButtonProps={{ 'aria-expanded': editing, 'aria-controls': panelId }}
          >
            Modifier
          </Button>
        </li>
        <li>
          <Button
            priority="secondary"
            iconId={document.pinned ? 'ri-unpin-line' : 'ri-pushpin-line'}
            onClick={togglePin}
          >
            {document.pinned ? 'Désépingler' : 'Épingler'}
          </Button>
        </li>
        {document.deletable && (
          <li>
            <Button
              priority="tertiary"
              iconId="fr-icon-delete-bin-line"
              nativeButtonProps={deleteDocumentModal.buttonProps}
            >
              Supprimer
            </Button>
          </li>
        )}
      </ul>
      <div ref={status} tabIndex={-1} aria-live="polite">
        {outcome && (
          <Alert
            className="fr-mb-3w"
            severity={outcome.ok ? 'success' : 'error'}
            small
            description={outcome.message}
          />
        )}
      </div>
      {!document.editable && (
        <Panel className="fr-p-3w fr-mb-4w">
          <p>{readOnlyMessage}</p>
          {addedBy && <p className="fr-text--sm">{addedBy}.</p>}
          <ReportProblemForm documentId={document.id} />
        </Panel>
      )}
      {editing && (
        <Panel id={panelId} className="fr-p-3w fr-mb-4w">
          <h2 className="fr-h5">Modifier le document</h2>
          <DocumentEditForm
            document={document}
            folders={folderList}
            onSaved={saved}
            onCancel={() => {
              setEditing(false);
              editButton.current?.focus();
            }}
          />
        </Panel>
      )}
      <section aria-labelledby="apercu">
        <h2 id="apercu" className="fr-h4">
          Aperçu
        </h2>
        <DocumentPreviewView url={documentUrl(document.id)} title={document.title} />
      </section>
      {document.deletable && (
        <DeleteDocumentModal
          document={document}
          onDeleted={() =>
            void navigate('/documents', {
              state: noticeState(
                `Le document « ${document.title} » a été supprimé définitivement.`,
              ),
            })
          }
        />
      )}
    </>
  );
}
