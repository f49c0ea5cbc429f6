/** The small form that names a folder (create or rename). */
import { useEffect } from 'react';
import { folderInputSchema } from '@carnet/shared';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { applyServerError } from '../../../ui/server-errors.ts';
import { TextField } from '../../../ui/TextField.tsx';
import { bind, onValidSubmit, rootError, useZodForm } from '../../../ui/zod-form.ts';

/** The mutation that saves the name (create or rename), as the form runs it. */
export interface FolderNameMutation {
  isPending: boolean;
  mutate: (name: string, options: { onSuccess: () => void; onError: (e: Error) => void }) => void;
}

/** Props: the initial name, the submit label, the mutation to run, and "Annuler". */
export interface FolderNameFormProps {
  initial?: string;
  submitLabel: string;
  mutation: FolderNameMutation;
  /** Receives the saved name. */
  onDone: (name: string) => void;
  onCancel: () => void;
}

/** The field takes focus when the form opens. */
export function FolderNameForm({
  initial = '',
  submitLabel,
  mutation,
  onDone,
  onCancel,
}: FolderNameFormProps) {
  const form = useZodForm(folderInputSchema, { defaultValues: { name: initial } });
  const { setFocus } = form;
  useEffect(() => setFocus('name'), [setFocus]);
  return (
    <form
      noValidate
      className="fr-mt-2w"
      onSubmit={onValidSubmit(form, ({ name }) => {
        if (mutation.isPending) return;
        mutation.mutate(name, {
          onSuccess: () => onDone(name),
          onError: (error) => applyServerError(form.setError, error),
        });
      })}
    >
      <FormAlert message={rootError(form.formState.errors)} />
      <TextField
        {...bind(form, 'name', { maxLength: 100, autoComplete: 'off' })}
        label="Nom du dossier"
      />
      <FormActions submitLabel={submitLabel} onCancel={onCancel} pending={mutation.isPending} />
    </form>
  );
}
