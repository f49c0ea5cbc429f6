/** /documents/ajouter, "Ajouter un document": one or several files, each with its own fields. */
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { FormProvider, useFieldArray } from 'react-hook-form';
import type { Path } from 'react-hook-form';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import type { z } from 'zod';
import { ApiError } from '../../../app/http.ts';
import { FormActions } from '../../../ui/FormActions.tsx';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { useZodForm } from '../../../ui/zod-form.ts';
import { UploadDraftFields } from '../components/UploadDraftFields.tsx';
import { useDocumentSettings, useFolders, useUploadDocument } from '../hooks.ts';
import { noticeState } from '../notice.ts';
import { addDocumentsSchema, fileProblem, newDraft } from '../upload-drafts.ts';
import type { DraftUpload } from '../upload-drafts.ts';
import { acceptedExtensions, formatsHint, uploadErrorMessage } from '../wording.ts';
import '../documents.css';

type Drafts = z.input<typeof addDocumentsSchema>;
type ValidDraft = z.output<typeof addDocumentsSchema>['drafts'][number];

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
  const upload = useUploadDocument();
  const form = useZodForm(addDocumentsSchema, { defaultValues: { drafts: [] } });
  const drafts = useFieldArray({ control: form.control, name: 'drafts', keyName: 'fieldId' });
  const [uploads, setUploads] = useState<Readonly<Record<string, DraftUpload>>>({});
  // One batch of sequential uploads at a time.
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string>();
  const nextKey = useRef(0);
  const formElement = useRef<HTMLFormElement>(null);

  const folderList = folders.data ?? [];
  const presetFolder = folderList.some((f) => f.id === params.get('folderId'))
    ? (params.get('folderId') ?? '')
    : '';
  // The patient's "Masquer par défaut" setting; unknown → the server applies it (field omitted).
  const defaultConfidentiality = settings.data
    ? settings.data.maskNewDocumentsByDefault
      ? 'masque'
      : 'visible'
    : undefined;

  const update = (key: string, change: Partial<DraftUpload>) =>
    setUploads((all) => {
      const current = all[key];
      return current === undefined ? all : { ...all, [key]: { ...current, ...change } };
    });

  const addFiles = (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setProblem(undefined);
    const added = Array.from(files, (file) => {
      nextKey.current += 1;
      return {
        file,
        values: newDraft(file, String(nextKey.current), presetFolder, defaultConfidentiality),
      };
    });
    setUploads((all) => ({
      ...all,
      ...Object.fromEntries(
        added.map(({ file, values }) => [values.key, { file, status: 'draft', progress: 0 }]),
      ),
    }));
    drafts.append(
      added.map(({ values }) => values),
      { shouldFocus: false },
    );
  };

  const focusFirstError = () =>
    requestAnimationFrame(() =>
      formElement.current
        ?.querySelector<HTMLElement>('[aria-invalid="true"], [data-focus-error]')
        ?.focus(),
    );

  const send = async (todo: ValidDraft[]) => {
    setSending(true);
    let added = 0;
    let failed = 0;
    for (const { key, ...fields } of todo) {
      const file = uploads[key]?.file;
      if (file === undefined) continue;
      update(key, { status: 'sending', progress: 0, message: undefined });
      try {
        const document = await upload.mutateAsync({
          file,
          fields,
          onProgress: (sent, total) => update(key, { progress: Math.round((sent / total) * 100) }),
        });
        added += 1;
        update(key, { status: 'done', added: document });
      } catch (error) {
        failed += 1;
        const index = form.getValues('drafts').findIndex((d) => d.key === key);
        if (error instanceof ApiError) {
          for (const [name, message] of Object.entries(error.fields)) {
            form.setError(`drafts.${index}.${name}` as Path<Drafts>, { type: 'server', message });
          }
        }
        update(key, { status: 'failed', message: uploadErrorMessage(error) });
      }
    }
    setSending(false);
    if (failed === 0) {
      const total = added + Object.values(uploads).filter((u) => u.status === 'done').length;
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
    const todo = form.getValues('drafts').filter((d) => uploads[d.key]?.status !== 'done');
    const done = drafts.fields.length - todo.length;
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
    setProblem(undefined);
    let refusedFile = false;
    for (const draft of todo) {
      const file = uploads[draft.key]?.file;
      const message = file === undefined ? undefined : fileProblem(file);
      refusedFile ||= message !== undefined;
      update(draft.key, { message });
    }
    // The fields are checked with the wire schema; react-hook-form focuses the first error.
    void form.handleSubmit(({ drafts: valid }) => {
      if (refusedFile) {
        focusFirstError();
        return;
      }
      void send(valid.filter((d) => uploads[d.key]?.status !== 'done'));
    })(event);
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
      <FormProvider {...form}>
        <form ref={formElement} noValidate onSubmit={submit}>
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
          {drafts.fields.map((draft, index) => {
            const state = uploads[draft.key];
            return (
              state && (
                <UploadDraftFields
                  key={draft.fieldId}
                  draftKey={draft.key}
                  index={index}
                  upload={state}
                  folders={folderList}
                  onRemove={() => drafts.remove(index)}
                />
              )
            );
          })}
          <FormActions
            submitLabel="Ajouter"
            pending={sending}
            onCancel={() => void navigate('/documents')}
          />
        </form>
      </FormProvider>
    </>
  );
}
