/**
 * "Ajouter un document" by a professional (ACCESS.md "add a document": author = this PS):
 * name, date, type, confidentiality and "invisible pour le patient", which exclude each other
 * (PRODUCT.md "Invisible au patient": never both invisible to the patient and masked to PS).
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { FormProvider, useWatch } from 'react-hook-form';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { z } from 'zod';
import { confidentialitySchema, proDocumentUploadFieldsSchema } from '@carnet/shared';
import type { ProDocumentSummary } from '@carnet/shared';
import { ApiError } from '../../../app/http.ts';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { applyServerError } from '../../../ui/server-errors.ts';
import { errorOf, requiredMessage, rootError, useZodForm } from '../../../ui/zod-form.ts';
import { DocumentFields } from '../../documents/components/DocumentFields.tsx';
import { documentCategoryField, documentDateField } from '../../documents/document-fields.ts';
import { fileProblem, formatSize } from '../../documents/upload-drafts.ts';
import {
  acceptedExtensions,
  formatsHint,
  titleFromFileName,
  todayIso,
  uploadErrorMessage,
} from '../../documents/wording.ts';
import {
  defaultHint,
  exclusionHint,
  invisibleCheckboxLabel,
  invisibleHint,
  proConfidentialityOptions,
} from '../documents-wording.ts';
import { useUploadPatientDocument } from '../hooks.ts';

/** Props: the record, what to do once the document is added, and "Annuler". */
export interface ProAddDocumentFormProps {
  id: string;
  patientId: string;
  /** Under 18 today: only then may the document be invisible to the legal representatives. */
  minor: boolean;
  onAdded: (document: ProDocumentSummary) => void;
  onCancel: () => void;
}

/** The wire fields of a professional's upload, as the form holds them. */
const formSchema = proDocumentUploadFieldsSchema
  .extend({
    date: documentDateField,
    category: documentCategoryField,
    confidentiality: confidentialitySchema,
    invisibleToPatient: z.boolean(),
    invisibleToLegalRepresentatives: z.boolean(),
  })
  .refine((fields) => !(fields.confidentiality === 'masque' && fields.invisibleToPatient), {
    path: ['invisibleToPatient'],
    message: exclusionHint,
    when: () => true,
  });

/** Errors of the file itself: shown under the file input, not in the general alert. */
function isFileProblem(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.status === 413 ||
      error.status === 415 ||
      error.code === 'document.too_large' ||
      error.code === 'request.too_large' ||
      error.code === 'document.type_refused')
  );
}

/** One file at a time; the fields are sent before the file (the server streams it). */
export function ProAddDocumentForm({
  id,
  patientId,
  minor,
  onAdded,
  onCancel,
}: ProAddDocumentFormProps) {
  const form = useZodForm(formSchema, {
    defaultValues: {
      title: '',
      date: todayIso(),
      category: '',
      confidentiality: 'visible',
      invisibleToPatient: false,
      invisibleToLegalRepresentatives: false,
    },
  });
  const upload = useUploadPatientDocument(patientId);
  const [file, setFile] = useState<File>();
  const [fileError, setFileError] = useState<string>();
  const [progress, setProgress] = useState(0);
  const [confidentiality, invisible] = useWatch({
    control: form.control,
    name: ['confidentiality', 'invisibleToPatient'],
  });
  const masked = confidentiality === 'masque';
  const invisibleError = errorOf(form.formState.errors, 'invisibleToPatient');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    const problem = file === undefined ? requiredMessage : fileProblem(file);
    setFileError(problem);
    void form.handleSubmit((fields) => {
      if (file === undefined || problem !== undefined || upload.isPending) return;
      setProgress(0);
      upload.mutate(
        {
          file,
          fields: {
            ...fields,
            // "Visible" leaves the patient's own default (masquer par défaut) in force.
            confidentiality: fields.confidentiality === 'masque' ? 'masque' : undefined,
            invisibleToLegalRepresentatives: minor && fields.invisibleToLegalRepresentatives,
          },
          onProgress: (sent, total) => setProgress(Math.round((sent / total) * 100)),
        },
        {
          onSuccess: onAdded,
          onError: (error) =>
            isFileProblem(error)
              ? setFileError(uploadErrorMessage(error))
              : applyServerError(form.setError, error),
        },
      );
    })(event);
  };

  return (
    <FormProvider {...form}>
      <form id={id} noValidate aria-labelledby={`${id}-titre`} onSubmit={submit}>
        <h3 id={`${id}-titre`} className="fr-h5">
          Ajouter un document au dossier
        </h3>
        <p className="fr-hint-text">Tous les champs sont obligatoires</p>
        <FormAlert message={rootError(form.formState.errors)} />
        <Upload
          className="fr-mb-3w"
          label="Fichier"
          hint={formatsHint}
          state={fileError === undefined ? 'default' : 'error'}
          stateRelatedMessage={fileError}
          nativeInputProps={{
            name: 'file',
            accept: acceptedExtensions,
            'aria-invalid': fileError === undefined ? undefined : true,
            onChange: (event) => {
              const chosen = event.target.files?.[0];
              setFile(chosen);
              setFileError(undefined);
              if (chosen && form.getValues('title') === '') {
                form.setValue('title', titleFromFileName(chosen.name));
              }
            },
          }}
        />
        {file && (
          <p className="fr-text--sm">
            Fichier choisi : {file.name} ({formatSize(file.size)})
          </p>
        )}
        <DocumentFields
          confidentiality={{
            hintText: `${defaultHint} ${exclusionHint}`,
            // Masking is offered only while the document stays visible to the patient.
            options: proConfidentialityOptions.map((option) => ({
              ...option,
              disabled: option.value === 'masque' && invisible,
            })),
          }}
        />
        <Checkbox
          state={invisibleError === undefined ? 'default' : 'error'}
          stateRelatedMessage={invisibleError}
          options={[
            {
              label: invisibleCheckboxLabel,
              hintText: masked
                ? `${invisibleHint} Indisponible tant que le document est masqué aux autres professionnels de santé.`
                : invisibleHint,
              nativeInputProps: { ...form.register('invisibleToPatient'), disabled: masked },
            },
          ]}
        />
        {/* The minor's secret: not offered for an adult (the server refuses it too). */}
        {minor && (
          <Checkbox
            options={[
              {
                label: 'Invisible aux représentants légaux',
                hintText:
                  'Patient mineur : le document ne sera pas visible par ses représentants légaux (secret du mineur).',
                nativeInputProps: form.register('invisibleToLegalRepresentatives'),
              },
            ]}
          />
        )}
        {upload.isPending && (
          <p className="fr-mb-2w">
            <label htmlFor={`${id}-progression`}>Envoi en cours : {progress} %</label>
            <progress id={`${id}-progression`} max={100} value={progress}>
              {progress} %
            </progress>
          </p>
        )}
        <FormActions
          submitLabel="Ajouter le document"
          onCancel={onCancel}
          pending={upload.isPending}
        />
      </form>
    </FormProvider>
  );
}
