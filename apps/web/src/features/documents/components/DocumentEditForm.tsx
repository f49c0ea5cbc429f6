/**
 * "Modifier": the patient's own document → Nom, Date, Type, Confidentialité, Dossier;
 * a professional's document → Confidentialité only (PRODUCT.md "Edit").
 */
import { FormProvider } from 'react-hook-form';
import { documentUpdateSchema } from '@carnet/shared';
import type { DocumentSummary, Folder } from '@carnet/shared';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { applyServerError } from '../../../ui/server-errors.ts';
import { onValidSubmit, rootError, submitTo, useZodForm } from '../../../ui/zod-form.ts';
import { documentFieldsSchema } from '../document-fields.ts';
import { useUpdateDocument } from '../hooks.ts';
import { DocumentFields } from './DocumentFields.tsx';

/** Props: the document, the folders, and what to do after saving or cancelling. */
export interface DocumentEditFormProps {
  document: DocumentSummary;
  folders: readonly Folder[];
  onSaved: (document: DocumentSummary) => void;
  onCancel: () => void;
}

const readOnlySchema = documentUpdateSchema.pick({ confidentiality: true }).required();

/** The server refuses other fields on a professional's document (`document.read_only`). */
export function DocumentEditForm({ document, folders, onSaved, onCancel }: DocumentEditFormProps) {
  const own = document.editable;
  const form = useZodForm(own ? documentFieldsSchema : readOnlySchema, {
    // Strict schemas: a professional's document holds its confidentiality only.
    defaultValues: own
      ? {
          title: document.title,
          date: document.date,
          category: document.category,
          confidentiality: document.confidentiality,
          folderId: document.folderId ?? '',
        }
      : { confidentiality: document.confidentiality },
  });
  const mutation = useUpdateDocument();
  const save = (update: { confidentiality: DocumentSummary['confidentiality'] }) =>
    mutation.mutate(
      { id: document.id, update },
      { onSuccess: onSaved, onError: (error) => applyServerError(form.setError, error) },
    );
  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={onValidSubmit(form, submitTo({ ...mutation, mutate: save }))}>
        <FormAlert message={rootError(form.formState.errors)} />
        <DocumentFields details={own} folders={folders} />
        <FormActions submitLabel="Enregistrer" onCancel={onCancel} pending={mutation.isPending} />
      </form>
    </FormProvider>
  );
}
