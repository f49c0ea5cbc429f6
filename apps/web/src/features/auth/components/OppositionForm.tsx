/** Opposition to the creation of the profile (within the 6 weeks of the code provisoire). */
import { useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { oppositionRequestSchema } from '@carnet/shared';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { TextField } from '../../../ui/TextField.tsx';
import { useForm } from '../../../ui/use-form.ts';
import type { OppositionResult } from '@carnet/shared';
import { opposeWithAttestation } from '../../lifecycle/api.ts';
import { AttestationDownload } from '../../lifecycle/components/AttestationDownload.tsx';
import { IdentityFields } from './IdentityFields.tsx';

/** `onCancel` goes back to the activation form. */
export function OppositionForm({ onCancel }: { onCancel: () => void }) {
  const form = useForm({ activationCode: '', ins: '', birthDate: '' });
  const [done, setDone] = useState<OppositionResult>();

  if (done) {
    return (
      <>
        <Alert
          className="fr-mb-3w"
          severity="success"
          title="Opposition enregistrée"
          description={`Votre opposition a été enregistrée (référence ${done.reference}). Votre profil est clôturé. Votre attestation vous a aussi été envoyée.`}
        />
        <AttestationDownload token={done.attestationToken} reference={done.reference} />
      </>
    );
  }
  return (
    <form
      noValidate
      onSubmit={(event) =>
        form.submit(event, {
          schema: oppositionRequestSchema,
          input: form.values,
          action: opposeWithAttestation,
          onSuccess: setDone,
        })
      }
    >
      <p>
        Pendant les 6 semaines qui suivent la réception de mon code provisoire, je peux m'opposer à
        la création de mon profil Carnet. Mon profil est alors clôturé.
      </p>
      <p className="fr-hint-text">Tous les champs sont obligatoires</p>
      <FormAlert errors={form.errors} />
      <TextField
        {...form.field('activationCode')}
        label="Mon code provisoire"
        hintText="Reçu par e-mail ou par SMS"
        input={{ autoComplete: 'off', autoCapitalize: 'none', spellCheck: false }}
      />
      <IdentityFields ins={form.field('ins')} birthDate={form.field('birthDate')} />
      <FormActions
        submitLabel="Confirmer mon opposition"
        onCancel={onCancel}
        pending={form.pending}
      />
    </form>
  );
}
