/**
 * "Modifier": the patient's own document → Nom, Date, Type, Confidentialité, Dossier;
 * a professional's document → Confidentialité only (PRODUCT.md "Edit").
 */
import { Select } from '@codegouvfr/react-dsfr/Select';
import { documentUpdateSchema } from '@carnet/shared';
import type { DocumentSummary, Folder } from '@carnet/shared';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { RadioField } from '../../../ui/RadioField.tsx';
import { TextField } from '../../../ui/TextField.tsx';
import { useForm } from '../../../ui/use-form.ts';
import { updateDocument } from '../api.ts';
import { categoryOptions, confidentialityOptions, todayIso } from '../wording.ts';

/** Props: the document, the folders, and what to do after saving or cancelling. */
export interface DocumentEditFormProps {
  document: DocumentSummary;
  folders: readonly Folder[];
  onSaved: (document: DocumentSummary) => void;
  onCancel: () => void;
}

type EditField = 'title' | 'date' | 'category' | 'confidentiality' | 'folderId';

/** The server refuses other fields on a professional's document (`document.read_only`). */
export function DocumentEditForm({ document, folders, onSaved, onCancel }: DocumentEditFormProps) {
  const { values, errors, pending, field, submit } = useForm<Record<EditField, string>>({
    title: document.title,
    date: document.date,
    category: document.category,
    confidentiality: document.confidentiality,
    folderId: document.folderId ?? '',
  });
  const own = document.editable;
  const input = own
    ? { ...values, folderId: values.folderId === '' ? null : values.folderId }
    : { confidentiality: values.confidentiality };
  const category = field('category');
  const folder = field('folderId');

  return (
    <form
      noValidate
      onSubmit={(event) =>
        submit(event, {
          schema: documentUpdateSchema,
          input,
          check: (): Record<string, string> =>
            own && values.date > todayIso()
              ? { date: 'La date du document ne peut pas être dans le futur.' }
              : {},
          action: (data) => updateDocument(document.id, data),
          onSuccess: onSaved,
        })
      }
    >
      <FormAlert errors={errors} />
      {own && (
        <>
          <TextField {...field('title')} label="Nom du document" input={{ maxLength: 200 }} />
          <TextField
            {...field('date')}
            label="Date du document"
            hintText="Elle ne peut pas être dans le futur."
            input={{ type: 'date', max: todayIso() }}
          />
          <Select
            label="Type de document"
            state={category.error === undefined ? 'default' : 'error'}
            stateRelatedMessage={category.error}
            nativeSelectProps={{
              name: category.name,
              value: category.value,
              onChange: (event) => category.onChange(event.target.value),
              'aria-invalid': category.error === undefined ? undefined : true,
            }}
          >
            {categoryOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </>
      )}
      <RadioField
        {...field('confidentiality')}
        legend="Confidentialité"
        options={confidentialityOptions}
      />
      {own && (
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
      <FormActions submitLabel="Enregistrer" onCancel={onCancel} pending={pending} />
    </form>
  );
}
