/**
 * Paramètres › Clôture du profil (PRODUCT.md "Paramètres"): what closing means, the password
 * again, the optional deletion request; once closed, the person is told how to reactivate.
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { closureRequestSchema } from '@carnet/shared';
import type { ClosureRequest } from '@carnet/shared';
import { ApiError, unavailableMessage } from '../../../app/http.ts';
import { useSession } from '../../../app/session-context.ts';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { useProfile } from '../../profiles/profile-context.ts';
import { closeProfile } from '../api.ts';

const confirmationId = 'cloture-confirmation';

/** The form, then the confirmation; only on one's own profile (issue 13). */
export function ClosurePage() {
  usePageTitle('Clôture du profil - Paramètres');
  const { current } = useProfile();
  if (current.role !== 'titulaire')
    return (
      <>
        <h2>Clôture du profil</h2>
        <Alert
          severity="info"
          title="Clôture impossible depuis ce profil"
          description={`Vous consultez le profil de ${current.firstName} ${current.lastName}, que vous représentez : seul son titulaire peut clôturer un profil. Pour clôturer votre propre profil, affichez-le d’abord (« Profil affiché » en haut de la page).`}
        />
      </>
    );
  return <ClosureForm />;
}

/** The titulaire's closure form, then the confirmation. */
function ClosureForm() {
  const { signOut } = useSession();
  const [closed, setClosed] = useState<ClosureRequest>();
  const [formError, setFormError] = useState<string>();
  const form = useForm<ClosureRequest>({
    resolver: zodResolver(closureRequestSchema),
    defaultValues: { password: '', requestDeletion: false },
  });
  const mutation = useMutation({ mutationFn: closeProfile });
  const { errors } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      await mutation.mutateAsync(values);
      setClosed(values);
      requestAnimationFrame(() => document.getElementById(confirmationId)?.focus());
    } catch (error) {
      const apiError = error instanceof ApiError ? error : undefined;
      const field = apiError?.fields.password;
      if (field) form.setError('password', { message: field }, { shouldFocus: true });
      else setFormError(apiError?.message ?? unavailableMessage);
    }
  });

  if (closed)
    return (
      <div id={confirmationId} tabIndex={-1}>
        <h2>Clôture du profil</h2>
        <Alert
          className="fr-mb-3w"
          severity="success"
          title="Mon profil est clôturé"
          description={
            closed.requestDeletion
              ? 'Plus personne n’y a accès. Mes données seront supprimées dans 3 mois au plus, sauf si je réactive mon profil d’ici là. Un e-mail de confirmation m’a été envoyé.'
              : 'Plus personne n’y a accès. Mes données sont conservées 10 ans, puis supprimées. Un e-mail de confirmation m’a été envoyé.'
          }
        />
        <p>
          Pour réactiver mon profil, je contacte mon organisme d’assurance maladie : il m’enverra un
          nouveau code provisoire et mes documents et mon historique seront restaurés.
        </p>
        <Button onClick={() => void signOut()}>Quitter</Button>
      </div>
    );

  return (
    <>
      <h2>Clôture du profil</h2>
      <p>Si je clôture mon profil :</p>
      <ul>
        <li>plus personne n’y a accès, ni moi ni les professionnels de santé ;</li>
        <li>toutes mes connexions en cours sont fermées ;</li>
        <li>
          mes données sont conservées 10 ans comme la loi le prévoit, puis supprimées, sauf si je
          demande leur suppression ;
        </li>
        <li>je peux le réactiver en contactant mon organisme d’assurance maladie.</li>
      </ul>
      <p>
        Avant de clôturer, je peux{' '}
        <Link to="/parametres/telecharger-mes-donnees">télécharger mes données</Link>.
      </p>
      {formError && <Alert className="fr-mb-3w" severity="error" small description={formError} />}
      <form noValidate onSubmit={(event) => void submit(event)}>
        <PasswordInput
          className="fr-mb-3w"
          label="Mot de passe"
          hintText="Pour confirmer, je saisis à nouveau mon mot de passe."
          messagesHint=""
          messages={
            errors.password?.message
              ? [{ severity: 'error', message: errors.password.message }]
              : []
          }
          nativeInputProps={{
            ...form.register('password'),
            autoComplete: 'current-password',
            'aria-invalid': errors.password ? true : undefined,
          }}
        />
        <Checkbox
          options={[
            {
              label: 'Je demande la suppression de mes données',
              hintText:
                'Mes documents et mon profil seront supprimés dans 3 mois au plus. L’historique des accès à mon profil est conservé, comme la loi le prévoit.',
              nativeInputProps: form.register('requestDeletion'),
            },
          ]}
        />
        <Button type="submit" priority="primary" disabled={mutation.isPending}>
          Clôturer mon profil
        </Button>
      </form>
    </>
  );
}
