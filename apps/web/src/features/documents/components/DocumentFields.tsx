/**
 * The fields of a document, one component for every form that names one: the patient's upload
 * (one set per file), the patient's "Modifier", the professional's "Ajouter un document".
 * Rendered inside a react-hook-form FormProvider; `prefix` places the fields in an array.
 */
import type { ReactNode } from 'react';
import { useFormContext } from 'react-hook-form';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { Folder } from '@carnet/shared';
import { RadioField } from '../../../ui/RadioField.tsx';
import { TextField } from '../../../ui/TextField.tsx';
import { errorOf } from '../../../ui/zod-form.ts';
import { categoryOptions, confidentialityOptions, todayIso } from '../wording.ts';

/** The confidentiality radios a side offers. */
export interface ConfidentialityChoice {
  options: readonly { value: string; label: string; disabled?: boolean }[];
  hintText?: ReactNode;
}

/** Props: where the fields live, which of them show, and the folders offered. */
export interface DocumentFieldsProps {
  /** `drafts.2.` for the third file of the add page; empty for a single document. */
  prefix?: string;
  /** Nom, Date and Type (off for a professional's document: only its confidentiality changes). */
  details?: boolean;
  /** The confidentiality radios; `false` hides them. */
  confidentiality?: ConfidentialityChoice | false;
  /** "Dossier (facultatif)", shown when the patient has folders. */
  folders?: readonly Folder[];
}

/** Each field keeps its DSFR error state; focus goes to the first error (react-hook-form). */
export function DocumentFields({
  prefix = '',
  details = true,
  confidentiality = { options: confidentialityOptions },
  folders = [],
}: DocumentFieldsProps) {
  const { register, formState } = useFormContext();
  const field = (name: string) => ({
    error: errorOf(formState.errors, `${prefix}${name}`),
    input: register(`${prefix}${name}`),
  });
  // Only the fields shown are registered: the strict wire schemas refuse any other key.
  const category = details ? field('category') : undefined;
  const folder = details && folders.length > 0 ? field('folderId') : undefined;
  return (
    <>
      {category && (
        <>
          <TextField
            error={field('title').error}
            input={{ ...field('title').input, maxLength: 200 }}
            label="Nom du document"
          />
          <TextField
            error={field('date').error}
            input={{ ...field('date').input, type: 'date', max: todayIso(), required: true }}
            label="Date du document"
            hintText="Elle ne peut pas être dans le futur."
          />
          <Select
            label="Type de document"
            state={category.error === undefined ? 'default' : 'error'}
            stateRelatedMessage={category.error}
            nativeSelectProps={{
              ...category.input,
              required: true,
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
        </>
      )}
      {confidentiality && (
        <RadioField
          {...field('confidentiality')}
          legend="Confidentialité"
          hintText={confidentiality.hintText}
          options={confidentiality.options}
        />
      )}
      {folder && (
        <Select label="Dossier (facultatif)" nativeSelectProps={folder.input}>
          <option value="">Aucun dossier</option>
          {folders.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </Select>
      )}
    </>
  );
}
