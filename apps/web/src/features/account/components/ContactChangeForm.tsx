/** Change of e-mail or mobile: the new value, then the code sent to that new address. */
import { useId, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { contactChangeConfirmSchema, contactChangeRequestSchema } from '@carnet/shared';
import type { Me } from '@carnet/shared';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { applyServerError } from '../../../ui/server-errors.ts';
import { TextField } from '../../../ui/TextField.tsx';
import { bind, onValidSubmit, rootError, submitTo, useZodForm } from '../../../ui/zod-form.ts';
import { confirmContactChange, startContactChange } from '../api.ts';
import type { ContactChangeStarted } from '../api.ts';

/** Which contact changes. */
export type ContactKind = 'email' | 'mobile';

/** Props: the contact, and what to do with the updated person or on "Annuler". */
export interface ContactChangeFormProps {
  kind: ContactKind;
  onDone: (me: Me) => void;
  onCancel: () => void;
}

const valueFields = {
  email: {
    label: 'Nouvelle adresse e-mail',
    hintText: 'Format attendu : nom@domaine.fr',
    input: { type: 'email', autoComplete: 'email', spellCheck: false },
  },
  mobile: {
    label: 'Nouveau numéro de téléphone mobile',
    hintText: 'Ex : 06 12 34 56 78 ou +33 6 12 34 56 78',
    input: { type: 'tel', autoComplete: 'tel' },
  },
} as const;

/** Errors about the code or the flow are shown under the code field. */
const codeErrors: Record<string, 'code'> = {
  'auth.code_invalid': 'code',
  'auth.code_expired': 'code',
  'auth.code_exhausted': 'code',
  'account.flow_invalid': 'code',
};

/** Two steps in one panel; "Annuler" leaves the contact unchanged. */
export function ContactChangeForm({ kind, onDone, onCancel }: ContactChangeFormProps) {
  const [started, setStarted] = useState<ContactChangeStarted>();
  if (started === undefined) {
    return <ValueStep kind={kind} onDone={setStarted} onCancel={onCancel} />;
  }
  return <CodeStep started={started} onDone={onDone} onCancel={onCancel} />;
}

function ValueStep(props: {
  kind: ContactKind;
  onDone: (started: ContactChangeStarted) => void;
  onCancel: () => void;
}) {
  const { label, hintText, input } = valueFields[props.kind];
  const form = useZodForm(contactChangeRequestSchema, {
    defaultValues: { kind: props.kind, value: '' },
  });
  const mutation = useMutation({
    mutationFn: startContactChange,
    onSuccess: props.onDone,
    onError: (error) => applyServerError(form.setError, error),
  });
  return (
    <form noValidate onSubmit={onValidSubmit(form, submitTo(mutation))}>
      <FormAlert message={rootError(form.formState.errors)} />
      <TextField {...bind(form, 'value', input)} label={label} hintText={hintText} />
      <FormActions
        submitLabel="Recevoir un code"
        onCancel={props.onCancel}
        pending={mutation.isPending}
      />
    </form>
  );
}

function CodeStep(props: {
  started: ContactChangeStarted;
  onDone: (me: Me) => void;
  onCancel: () => void;
}) {
  const sentId = useId();
  const form = useZodForm(contactChangeConfirmSchema, {
    defaultValues: { flowId: props.started.flowId, code: '' },
  });
  const mutation = useMutation({
    mutationFn: confirmContactChange,
    onSuccess: props.onDone,
    onError: (error) => applyServerError(form.setError, error, codeErrors),
  });
  return (
    <form noValidate onSubmit={onValidSubmit(form, submitTo(mutation))}>
      <p id={sentId}>Un code a été envoyé à {props.started.masked}.</p>
      <FormAlert message={rootError(form.formState.errors)} />
      <TextField
        {...bind(form, 'code', {
          inputMode: 'numeric',
          autoComplete: 'one-time-code',
          maxLength: 6,
          // The value step's button is gone: focus lands here, the sentence above describes it.
          autoFocus: true,
          'aria-describedby': sentId,
        })}
        label="Code de confirmation"
        hintText="Ex : 034567"
      />
      <FormActions submitLabel="Valider" onCancel={props.onCancel} pending={mutation.isPending} />
    </form>
  );
}
