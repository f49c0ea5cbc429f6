/** Change of e-mail or mobile: the new value, then the code sent to that new address. */
import { useId, useState } from 'react';
import { contactChangeConfirmSchema, contactChangeRequestSchema } from '@carnet/shared';
import type { Me } from '@carnet/shared';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { TextField } from '../../../ui/TextField.tsx';
import { useForm } from '../../../ui/use-form.ts';
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
const codeErrors = {
  'auth.code_invalid': 'code',
  'auth.code_expired': 'code',
  'auth.code_exhausted': 'code',
  'account.flow_invalid': 'code',
};

/** Two steps in one panel; "Annuler" leaves the contact unchanged. */
export function ContactChangeForm({ kind, onDone, onCancel }: ContactChangeFormProps) {
  const [started, setStarted] = useState<ContactChangeStarted>();
  const valueForm = useForm({ value: '' });
  const codeForm = useForm({ code: '' });
  const sentId = useId();

  if (started === undefined) {
    return (
      <form
        noValidate
        onSubmit={(event) =>
          valueForm.submit(event, {
            schema: contactChangeRequestSchema,
            input: { kind, value: valueForm.values.value },
            action: startContactChange,
            onSuccess: setStarted,
          })
        }
      >
        <FormAlert errors={valueForm.errors} />
        <TextField {...valueForm.field('value')} {...valueFields[kind]} />
        <FormActions
          submitLabel="Recevoir un code"
          onCancel={onCancel}
          pending={valueForm.pending}
        />
      </form>
    );
  }
  return (
    <form
      noValidate
      onSubmit={(event) =>
        codeForm.submit(event, {
          schema: contactChangeConfirmSchema,
          input: { flowId: started.flowId, code: codeForm.values.code },
          action: confirmContactChange,
          onSuccess: onDone,
          fieldOf: codeErrors,
        })
      }
    >
      <p id={sentId}>Un code a été envoyé à {started.masked}.</p>
      <FormAlert errors={codeForm.errors} />
      <TextField
        {...codeForm.field('code')}
        label="Code de confirmation"
        hintText="Ex : 034567"
        input={{
          inputMode: 'numeric',
          autoComplete: 'one-time-code',
          maxLength: 6,
          // The value step's button is gone: focus lands here, the sentence above describes it.
          autoFocus: true,
          'aria-describedby': sentId,
        }}
      />
      <FormActions submitLabel="Valider" onCancel={onCancel} pending={codeForm.pending} />
    </form>
  );
}
