/**
 * Writing a message: subject (a new conversation), text, attachments (same formats and limits as
 * documents: 5 Mo each, 10 and 20 Mo per message) and, for the patient, documents of her profile.
 * The server checks everything again; its French error is shown as is.
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import {
  MESSAGE_ATTACHMENTS_MAX,
  MESSAGE_ATTACHMENTS_TOTAL_BYTES,
  conversationSubjectSchema,
  messageBodySchema,
} from '@carnet/shared';
import { z } from 'zod';
import { ApiError } from '../../../app/http.ts';
import { errorMessage } from '../wording.ts';
import { MyDocumentsPicker } from './MyDocumentsPicker.tsx';

const FILE_MAX = 5 * 1024 * 1024;
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.tif,.tiff,.txt,.rtf';

const withSubject = z.object({ subject: conversationSubjectSchema, body: messageBodySchema });
const withoutSubject = z.object({ subject: z.string().optional(), body: messageBodySchema });
type Fields = z.infer<typeof withoutSubject>;

/** Checks the files before sending (the server checks again). */
function filesProblem(files: readonly File[], documents: number): string | undefined {
  if (files.length + documents > MESSAGE_ATTACHMENTS_MAX)
    return `Un message peut contenir au plus ${MESSAGE_ATTACHMENTS_MAX} pièces jointes.`;
  if (files.some((f) => f.size > FILE_MAX))
    return 'Une pièce jointe dépasse la taille maximale autorisée (5 Mo).';
  if (files.reduce((n, f) => n + f.size, 0) > MESSAGE_ATTACHMENTS_TOTAL_BYTES)
    return 'Les pièces jointes d’un message ne peuvent pas dépasser 20 Mo au total.';
  return undefined;
}

/** `send` receives the multipart form; `onSent` runs once the server accepted it. */
export function MessageForm(props: {
  subject: boolean;
  allowDocuments: boolean;
  submitLabel: string;
  send: (form: FormData) => Promise<unknown>;
  onSent: () => void;
  /** What to say when the server answers "not found" (a record or conversation out of reach). */
  notFoundMessage?: string;
}) {
  const { register, handleSubmit, formState, reset } = useForm<Fields>({
    resolver: zodResolver(props.subject ? withSubject : withoutSubject),
    defaultValues: { subject: '', body: '' },
  });
  const [files, setFiles] = useState<File[]>([]);
  const [documentIds, setDocumentIds] = useState<string[]>([]);
  const [fileError, setFileError] = useState<string>();
  const [serverError, setServerError] = useState<string>();
  const [pending, setPending] = useState(false);
  const [uploadKey, setUploadKey] = useState(0);

  const submit = handleSubmit(async (fields) => {
    const problem = filesProblem(files, documentIds.length);
    setFileError(problem);
    if (problem) return;
    const form = new FormData();
    if (props.subject) form.append('subject', fields.subject ?? '');
    form.append('body', fields.body);
    for (const id of documentIds) form.append('documentId', id);
    for (const file of files) form.append('file', file, file.name);
    setPending(true);
    setServerError(undefined);
    try {
      await props.send(form);
      reset();
      setFiles([]);
      setDocumentIds([]);
      setUploadKey((k) => k + 1);
      props.onSent();
    } catch (error) {
      const notFound = error instanceof ApiError && error.status === 404;
      setServerError(
        notFound && props.notFoundMessage ? props.notFoundMessage : errorMessage(error),
      );
    } finally {
      setPending(false);
    }
  });

  const { errors } = formState;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {serverError && (
        <Alert className="fr-mb-3w" severity="error" small description={serverError} role="alert" />
      )}
      {props.subject && (
        <Input
          label="Objet"
          state={errors.subject ? 'error' : 'default'}
          stateRelatedMessage={errors.subject?.message}
          nativeInputProps={{ ...register('subject'), maxLength: 200, autoComplete: 'off' }}
        />
      )}
      <Input
        label="Message"
        textArea
        state={errors.body ? 'error' : 'default'}
        stateRelatedMessage={errors.body?.message}
        nativeTextAreaProps={{ ...register('body'), rows: 6, maxLength: 10_000 }}
      />
      <Upload
        key={uploadKey}
        label="Pièces jointes"
        hint="Formats acceptés : PDF, JPEG, PNG, TIFF, TXT, RTF. 5 Mo maximum par fichier, 10 fichiers et 20 Mo maximum par message."
        multiple
        state={fileError ? 'error' : 'default'}
        stateRelatedMessage={fileError}
        nativeInputProps={{
          accept: ACCEPT,
          onChange: (e) => {
            const chosen = [...(e.target.files ?? [])];
            setFiles(chosen);
            setFileError(filesProblem(chosen, documentIds.length));
          },
        }}
      />
      {props.allowDocuments && (
        <MyDocumentsPicker selected={documentIds} onChange={setDocumentIds} />
      )}
      <Button
        type="submit"
        className="fr-mt-2w"
        iconId="fr-icon-send-plane-line"
        disabled={pending}
      >
        {pending ? 'Envoi en cours…' : props.submitLabel}
      </Button>
    </form>
  );
}
