/** /documents/ajouter, "Ajouter un document": one or several files, each with its own fields. */
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import type { Confidentiality } from '@carnet/shared';
import { ApiError } from '../../../app/http.ts';
import { FormActions } from '../../../ui/FormActions.tsx';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { uploadDocument } from '../api.ts';
import { UploadDraftFields } from '../components/UploadDraftFields.tsx';
import { useDocumentSettings, useFolders } from '../hooks.ts';
import { noticeState } from '../notice.ts';
import { checkDraft, editDraft, newDraft } from '../upload-drafts.ts';
import type { UploadDraft } from '../upload-drafts.ts';
import { acceptedExtensions, formatsHint, uploadErrorMessage } from '../wording.ts';
import '../documents.css';

function addedMessage(n: number): string {
  return n === 1 ? 'Le document a été ajouté.' : `${n} documents ont été ajoutés.`;
}

/** Sends one request per file, one after the other, each with its progress. */
export function AddDocumentPage() {
  usePageTitle('Ajouter un document');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const settings = useDocumentSettings();
  const folders = useFolders();
  const [drafts, setDrafts] = useState<UploadDraft[]>([]);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string>();
  const nextKey = useRef(0);
  const form = useRef<HTMLFormElement>(null);

  const folderList = folders.state.status === 'ready' ? folders.state.data : [];
  const presetFolder = folderList.some((f) => f.id === params.get('folderId'))
    ? (params.get('folderId') ?? '')
    : '';
  // The patient's "Masquer par défaut" setting; unknown → the server applies it (field omitted).
  const defaultConfidentiality: Confidentiality | undefined =
    settings.state.status === 'ready'
      ? settings.state.data.maskNewDocumentsByDefault
        ? 'masque'
        : 'visible'
      : undefined;

  const update = (key: string, change: (draft: UploadDraft) => UploadDraft) =>
    setDrafts((all) => all.map((d) => (d.key === key ? change(d) : d)));

  const addFiles = (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setProblem(undefined);
    const added = Array.from(files, (file) => {
      nextKey.current += 1;
      return newDraft(file, String(nextKey.current), presetFolder);
    });
    setDrafts((all) => [...all, ...added]);
  };

  const focusFirstError = () =>
    requestAnimationFrame(() =>
      form.current
        ?.querySelector<HTMLElement>('[aria-invalid="true"], [data-focus-error]')
        ?.focus(),
    );

  const send = async (todo: UploadDraft[]) => {
    setSending(true);
    let added = 0;
    let failed = 0;
    for (const draft of todo) {
      const checked = checkDraft(draft, defaultConfidentiality);
      if (!checked.ok) continue;
      update(draft.key, (d) => ({ ...d, status: 'sending', progress: 0, message: undefined }));
      try {
        const document = await uploadDocument(draft.file, checked.fields, (sent, total) =>
          update(draft.key, (d) => ({ ...d, progress: Math.round((sent / total) * 100) })),
        );
        added += 1;
        update(draft.key, (d) => ({ ...d, status: 'done', added: document }));
      } catch (error) {
        failed += 1;
        const fields = error instanceof ApiError ? error.fields : {};
        update(draft.key, (d) => ({
          ...d,
          status: 'failed',
          errors: fields,
          message: uploadErrorMessage(error),
        }));
      }
    }
    setSending(false);
    if (failed === 0) {
      const total = added + drafts.filter((d) => d.status === 'done').length;
      void navigate('/documents', { state: noticeState(addedMessage(total)) });
      return;
    }
    setProblem(
      `${failed} fichier${failed > 1 ? 's' : ''} sur ${added + failed} n'${failed > 1 ? 'ont' : 'a'} pas pu être ajouté${failed > 1 ? 's' : ''}. Corrigez ou retirez ${failed > 1 ? 'les fichiers signalés' : 'le fichier signalé'}, puis cliquez sur « Ajouter ».`,
    );
    focusFirstError();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sending) return;
    const todo = drafts.filter((d) => d.status !== 'done');
    const done = drafts.length - todo.length;
    if (todo.length === 0 && done > 0) {
      // The refused files were removed: what was added is kept, back to the list.
      void navigate('/documents', { state: noticeState(addedMessage(done)) });
      return;
    }
    if (todo.length === 0) {
      setProblem('Veuillez sélectionner au moins un fichier.');
      focusFirstError();
      return;
    }
    let invalid = false;
    for (const draft of todo) {
      const checked = checkDraft(draft, defaultConfidentiality);
      if (checked.ok) continue;
      invalid = true;
      update(draft.key, (d) => ({ ...d, errors: checked.errors, message: checked.message }));
    }
    if (invalid) {
      setProblem(undefined);
      focusFirstError();
      return;
    }
    setProblem(undefined);
    void send(todo);
  };

  return (
    <>
      <p className="fr-mb-2w">
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to="/documents">
          Mes documents
        </Link>
      </p>
      <h1>Ajouter un document</h1>
      <p>Tous les champs sont obligatoires, sauf mention contraire.</p>
      <form ref={form} noValidate onSubmit={submit}>
        {problem !== undefined && (
          <div data-focus-error="" tabIndex={-1}>
            <Alert className="fr-mb-3w" severity="error" small description={problem} />
          </div>
        )}
        <Upload
          className="fr-mb-4w"
          multiple
          label="Sélectionner un ou plusieurs fichiers"
          hint={formatsHint}
          disabled={sending}
          nativeInputProps={{
            accept: acceptedExtensions,
            onChange: (event) => {
              addFiles(event.target.files);
              // The same file can be chosen again after "Retirer ce fichier".
              event.target.value = '';
            },
          }}
        />
        {drafts.map((draft, index) => (
          <UploadDraftFields
            key={draft.key}
            draft={draft}
            index={index}
            folders={folderList}
            defaultConfidentiality={defaultConfidentiality}
            onEdit={(name, value) => update(draft.key, (d) => editDraft(d, name, value))}
            onRemove={() => setDrafts((all) => all.filter((d) => d.key !== draft.key))}
          />
        ))}
        <FormActions
          submitLabel="Ajouter"
          pending={sending}
          onCancel={() => void navigate('/documents')}
        />
      </form>
    </>
  );
}
