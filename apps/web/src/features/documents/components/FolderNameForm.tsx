/** The small form that names a folder (create or rename). */
import { useEffect, useRef } from 'react';
import { folderInputSchema } from '@carnet/shared';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { TextField } from '../../../ui/TextField.tsx';
import { useForm } from '../../../ui/use-form.ts';

/** Props: the initial name, the submit label, what to do with the name, and "Annuler". */
export interface FolderNameFormProps {
  initial?: string;
  submitLabel: string;
  save: (name: string) => Promise<unknown>;
  /** Receives the saved name. */
  onDone: (name: string) => void;
  onCancel: () => void;
}

/** The field takes focus when the form opens. */
export function FolderNameForm({
  initial = '',
  submitLabel,
  save,
  onDone,
  onCancel,
}: FolderNameFormProps) {
  const { values, errors, pending, field, submit } = useForm({ name: initial });
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector('input')?.focus(), []);
  return (
    <form
      ref={form}
      noValidate
      className="fr-mt-2w"
      onSubmit={(event) =>
        submit(event, {
          schema: folderInputSchema,
          input: values,
          action: (data) => save(data.name).then(() => data.name),
          onSuccess: onDone,
        })
      }
    >
      <FormAlert errors={errors} />
      <TextField
        {...field('name')}
        label="Nom du dossier"
        input={{ maxLength: 100, autoComplete: 'off' }}
      />
      <FormActions submitLabel={submitLabel} onCancel={onCancel} pending={pending} />
    </form>
  );
}
