/** "Signaler un problème" on a document added by a professional (PRODUCT.md "Edit"). */
import { useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import type { z } from 'zod';
import { documentReportSchema } from '@carnet/shared';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { applyServerError } from '../../../ui/server-errors.ts';
import { errorOf, onValidSubmit, rootError, useZodForm } from '../../../ui/zod-form.ts';
import { useReportDocument } from '../hooks.ts';

/** A button that opens a short form; "Votre signalement a été envoyé." once sent. */
export function ReportProblemForm({ documentId }: { documentId: string }) {
  const [open, setOpen] = useState(false);
  const form = useZodForm(documentReportSchema, { defaultValues: { message: '' } });
  const report = useReportDocument(documentId);
  const error = errorOf(form.formState.errors, 'message');
  const send = ({ message }: z.output<typeof documentReportSchema>) => {
    if (report.isPending) return;
    report.mutate(message, { onError: (failure) => applyServerError(form.setError, failure) });
  };

  if (report.isSuccess) {
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
    <form id="signaler-probleme" noValidate onSubmit={onValidSubmit(form, send)}>
      <h3 className="fr-h6">Signaler un problème</h3>
      <FormAlert message={rootError(form.formState.errors)} />
      <Input
        textArea
        label="Décrivez le problème"
        hintText="Par exemple : ce document ne me concerne pas, ou il contient une erreur."
        state={error === undefined ? 'default' : 'error'}
        stateRelatedMessage={error}
        nativeTextAreaProps={{
          ...form.register('message'),
          maxLength: 2000,
          autoFocus: true,
          'aria-invalid': error === undefined ? undefined : true,
        }}
      />
      <FormActions
        submitLabel="Envoyer le signalement"
        onCancel={() => setOpen(false)}
        pending={report.isPending}
      />
    </form>
  );
}
