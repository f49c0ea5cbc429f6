/** "Signaler un problème" on a document added by a professional (PRODUCT.md "Edit"). */
import { useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { documentReportSchema } from '@carnet/shared';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { useForm } from '../../../ui/use-form.ts';
import { reportDocument } from '../api.ts';

/** A button that opens a short form; "Votre signalement a été envoyé." once sent. */
export function ReportProblemForm({ documentId }: { documentId: string }) {
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  const { values, errors, pending, field, submit } = useForm({ message: '' });
  const message = field('message');

  if (sent) {
    return <Alert severity="success" small description="Votre signalement a été envoyé." />;
  }
  if (!open) {
    return (
      <Button
        priority="secondary"
        size="small"
        iconId="fr-icon-flag-line"
        onClick={() => setOpen(true)}
        nativeButtonProps={{ 'aria-expanded': false, 'aria-controls': 'signaler-probleme' }}
      >
        Signaler un problème
      </Button>
    );
  }
  return (
    <form
      id="signaler-probleme"
      noValidate
      onSubmit={(event) =>
        submit(event, {
          schema: documentReportSchema,
          input: values,
          action: (data) => reportDocument(documentId, data.message),
          onSuccess: () => setSent(true),
        })
      }
    >
      <h3 className="fr-h6">Signaler un problème</h3>
      <FormAlert errors={errors} />
      <Input
        textArea
        label="Décrivez le problème"
        hintText="Par exemple : ce document ne me concerne pas, ou il contient une erreur."
        state={message.error === undefined ? 'default' : 'error'}
        stateRelatedMessage={message.error}
        nativeTextAreaProps={{
          name: message.name,
          value: message.value,
          maxLength: 2000,
          autoFocus: true,
          onChange: (event) => message.onChange(event.target.value),
          'aria-invalid': message.error === undefined ? undefined : true,
        }}
      />
      <FormActions
        submitLabel="Envoyer le signalement"
        onCancel={() => setOpen(false)}
        pending={pending}
      />
    </form>
  );
}
