/** /identifiant-oublie: the identifiant is sent to the stored e-mail or phone. */
import { Link } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { recoveryRequestSchema } from '@carnet/shared';
import { AuthPanel } from '../../../ui/AuthPanel.tsx';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { applyServerError } from '../../../ui/server-errors.ts';
import { bind, onValidSubmit, rootError, submitTo, useZodForm } from '../../../ui/zod-form.ts';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { forgotIdentifiant } from '../api.ts';
import { IdentityFields } from '../components/IdentityFields.tsx';
import { RecoveryChannel } from '../components/RecoveryChannel.tsx';

/** The answer is the same whether a profile matches or not (no enumeration, SECURITY.md). */
export function ForgotIdentifiantPage() {
  usePageTitle('Identifiant oublié');
  const form = useZodForm(recoveryRequestSchema, { defaultValues: { ins: '', birthDate: '' } });
  const mutation = useMutation({
    mutationFn: forgotIdentifiant,
    onError: (error) => applyServerError(form.setError, error),
  });
  const sent = mutation.isSuccess;

  return (
    <AuthPanel>
      <h1 className="fr-h3">Identifiant oublié</h1>
      {sent ? (
        <Alert
          className="fr-mb-3w"
          severity="success"
          small
          description="Si ces informations correspondent à un profil, votre identifiant vous a été envoyé."
        />
      ) : (
        <form noValidate onSubmit={onValidSubmit(form, submitTo(mutation))}>
          <p>
            Je renseigne mon numéro de sécurité sociale et ma date de naissance : je reçois mon
            identifiant par e-mail ou par SMS.
          </p>
          <p className="fr-hint-text">Tous les champs sont obligatoires</p>
          <FormAlert message={rootError(form.formState.errors)} />
          <IdentityFields ins={bind(form, 'ins')} birthDate={bind(form, 'birthDate')} />
          <RecoveryChannel field={bind(form, 'channel')} what="mon identifiant" />
          <FormActions submitLabel="Recevoir mon identifiant" pending={mutation.isPending} />
        </form>
      )}
      <p className="fr-mt-3w fr-mb-0">
        <Link className="fr-link" to="/connexion">
          Retour à la connexion
        </Link>
      </p>
    </AuthPanel>
  );
}
