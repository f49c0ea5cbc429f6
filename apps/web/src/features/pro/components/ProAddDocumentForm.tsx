/**
 * "Ajouter un document" by a professional (ACCESS.md "add a document": author = this PS):
 * name, date, type, confidentiality and "invisible pour le patient", which exclude each other
 * (PRODUCT.md "Invisible au patient": never both invisible to the patient and masked to PS).
 */
import { useState } from 'react';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { proDocumentUploadFieldsSchema } from '@carnet/shared';
import type { ProDocumentSummary } from '@carnet/shared';
import { ApiError } from '../../../app/http.ts';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { TextField } from '../../../ui/TextField.tsx';
import { useForm } from '../../../ui/use-form.ts';
import { formatSize } from '../../documents/upload-drafts.ts';
import {
  acceptedExtensions,
  categoryOptions,
  formatsHint,
  maxDocumentBytes,
  titleFromFileName,
  todayIso,
  tooLargeMessage,
  uploadErrorMessage,
} from '../../documents/wording.ts';
import { uploadPatientDocument } from '../api.ts';
import {
  defaultHint,
  exclusionHint,
  invisibleCheckboxLabel,
  invisibleHint,
  proConfidentialityOptions,
} from '../documents-wording.ts';

/** Props: the record, what to do once the document is added, and "Annuler". */
export interface ProAddDocumentFormProps {
  id: string;
  patientId: string;
  onAdded: (document: ProDocumentSummary) => void;
  onCancel: () => void;
}

const requiredMessage = 'Ce champ est obligatoire.';

/** One file at a time; the fields are sent before the file (the server streams it). */
export function ProAddDocumentForm({ id, patientId, onAdded, onCancel }: ProAddDocumentFormProps) {
  const form = useForm({ title: '', date: todayIso(), category: '', confidentiality: 'visible' });
  const [invisible, setInvisible] = useState(false);
  const [secret, setSecret] = useState(false);
  const [file, setFile] = useState<File>();
  const [fileError, setFileError] = useState<string>();
  const [progress, setProgress] = useState(0);
  const title = form.field('title');
  const category = form.field('category');
  const confidentiality = form.field('confidentiality');
  const masked = confidentiality.value === 'masque';

  const check = (): Record<string, string> => {
    const errors: Record<string, string> = {};
    // Said as missing, not as "unknown" (RGAA 11.10: say what is expected).
    if (form.values.category === '') errors.category = requiredMessage;
    if (form.values.date === '') errors.date = requiredMessage;
    else if (form.values.date > todayIso()) errors.date = 'La date ne peut pas être dans le futur.';
    if (masked && invisible) errors.invisibleToPatient = exclusionHint;
    const fileProblem =
      file === undefined
        ? requiredMessage
        : file.size > maxDocumentBytes
          ? tooLargeMessage
          : undefined;
    setFileError(fileProblem);
    if (fileProblem !== undefined) errors.file = fileProblem;
    return errors;
  };

  return (
    <form
      id={id}
      noValidate
      aria-labelledby={`${id}-titre`}
      onSubmit={(event) =>
        form.submit(event, {
          schema: proDocumentUploadFieldsSchema,
          input: { ...form.values, invisibleToPatient: String(invisible) },
          check,
          action: (fields) => {
            setProgress(0);
            // `check` made sure a file is chosen before anything is sent.
            return uploadPatientDocument(
              patientId,
              file as File,
              {
                title: fields.title,
                date: fields.date ?? todayIso(),
                category: fields.category,
                // "Visible" leaves the patient's own default (masquer par défaut) in force.
                confidentiality: fields.confidentiality === 'masque' ? 'masque' : undefined,
                invisibleToPatient: fields.invisibleToPatient === 'true',
                invisibleToLegalRepresentatives: secret,
              },
              (sent, total) => setProgress(Math.round((sent / total) * 100)),
            );
          },
          onSuccess: onAdded,
          onError: (error) => {
            const fileProblem =
              error instanceof ApiError &&
              (error.status === 413 ||
                error.status === 415 ||
                error.code === 'document.too_large' ||
                error.code === 'request.too_large' ||
                error.code === 'document.type_refused');
            if (fileProblem) setFileError(uploadErrorMessage(error));
            return fileProblem;
          },
        })
      }
    >
      <h3 id={`${id}-titre`} className="fr-h5">
        Ajouter un document au dossier
      </h3>
      <p className="fr-hint-text">Tous les champs sont obligatoires</p>
      <FormAlert errors={form.errors} />
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
            if (chosen && title.value === '') title.onChange(titleFromFileName(chosen.name));
          },
        }}
      />
      {file && (
        <p className="fr-text--sm">
          Fichier choisi : {file.name} ({formatSize(file.size)})
        </p>
      )}
      <TextField {...title} label="Nom du document" input={{ maxLength: 200 }} />
      <TextField
        {...form.field('date')}
        label="Date du document"
        hintText="Elle ne peut pas être dans le futur."
        input={{ type: 'date', max: todayIso(), required: true }}
      />
      <Select
        label="Type de document"
        state={category.error === undefined ? 'default' : 'error'}
        stateRelatedMessage={category.error}
        nativeSelectProps={{
          name: category.name,
          value: category.value,
          required: true,
          onChange: (event) => category.onChange(event.target.value),
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
      <RadioButtons
        legend="Confidentialité"
        name="confidentiality"
        hintText={`${defaultHint} ${exclusionHint}`}
        state={confidentiality.error === undefined ? 'default' : 'error'}
        stateRelatedMessage={confidentiality.error}
        options={proConfidentialityOptions.map((option) => ({
          label: option.label,
          nativeInputProps: {
            value: option.value,
            checked: confidentiality.value === option.value,
            // Masking is offered only while the document stays visible to the patient.
            disabled: option.value === 'masque' && invisible,
            onChange: () => confidentiality.onChange(option.value),
          },
        }))}
      />
      <Checkbox
        state={form.errors.fields.invisibleToPatient === undefined ? 'default' : 'error'}
        stateRelatedMessage={form.errors.fields.invisibleToPatient}
        options={[
          {
            label: invisibleCheckboxLabel,
            hintText: masked
              ? `${invisibleHint} Indisponible tant que le document est masqué aux autres professionnels de santé.`
              : invisibleHint,
            nativeInputProps: {
              name: 'invisibleToPatient',
              checked: invisible,
              disabled: masked,
              onChange: (event) => setInvisible(event.target.checked),
            },
          },
        ]}
      />
      <Checkbox
        options={[
          {
            label: 'Invisible aux représentants légaux',
            hintText:
              'Patient mineur : le document ne sera pas visible par ses représentants légaux (secret du mineur).',
            nativeInputProps: {
              name: 'invisibleToLegalRepresentatives',
              checked: secret,
              onChange: (event) => setSecret(event.target.checked),
            },
          },
        ]}
      />
      {form.pending && (
        <p className="fr-mb-2w">
          <label htmlFor={`${id}-progression`}>Envoi en cours : {progress} %</label>
          <progress id={`${id}-progression`} max={100} value={progress}>
            {progress} %
          </progress>
        </p>
      )}
      <FormActions submitLabel="Ajouter le document" onCancel={onCancel} pending={form.pending} />
    </form>
  );
}
