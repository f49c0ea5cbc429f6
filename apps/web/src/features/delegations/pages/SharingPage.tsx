/**
 * Paramètres › Partage du profil (PRODUCT.md, issue 13): the representatives of a minor's
 * profile and the invitation of the second one; the aidants of an adult's profile; the people
 * one represents or helps and the invitations received; the activation of a child's profile.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { Delegation } from '@carnet/shared';
import { ApiError, unavailableMessage } from '../../../app/http.ts';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { useProfile } from '../../profiles/profile-context.ts';
import { changeDelegation, getSharing, inviteAidant, inviteRepresentative } from '../api.ts';
import { ChildActivationForm } from '../components/ChildActivationForm.tsx';
import { DelegationList } from '../components/DelegationList.tsx';
import { IdentityForm } from '../components/IdentityForm.tsx';

const open = (d: Delegation) => d.status === 'PENDING' || d.status === 'ACCEPTED';

/** The page; an aidant acting for someone sees why it is not available. */
export function SharingPage() {
  usePageTitle('Partage du profil - Paramètres');
  const { current } = useProfile();
  const queryClient = useQueryClient();
  const sharing = useQuery({ queryKey: ['delegations', current.patientId], queryFn: getSharing });
  const change = useMutation({
    mutationFn: ({ d, action }: { d: Delegation; action: 'accept' | 'refuse' | 'revoke' }) =>
      changeDelegation(d.id, action),
    onSettled: async (_data, _error, { action }) => {
      await queryClient.invalidateQueries({ queryKey: ['delegations'] });
      // Accepting or ending an access changes the profiles of the switcher.
      if (action !== 'refuse') await queryClient.invalidateQueries({ queryKey: ['profiles'] });
    },
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['delegations'] });

  if (sharing.isError) {
    const error = sharing.error;
    const forbidden = error instanceof ApiError && error.code === 'delegation.forbidden';
    return (
      <>
        <h2 data-route-heading>Partage du profil</h2>
        <Alert
          severity={forbidden ? 'info' : 'error'}
          small
          description={
            forbidden
              ? 'En tant qu’aidant, vous ne pouvez pas gérer le partage de ce profil.'
              : unavailableMessage
          }
        />
      </>
    );
  }
  if (!sharing.data) return <p role="status">Chargement en cours…</p>;
  const data = sharing.data;
  const onAction = (d: Delegation, action: 'accept' | 'refuse' | 'revoke') => {
    // Ending an access cannot be undone: only a new invitation gives it back.
    if (
      action === 'revoke' &&
      !window.confirm(
        'Mettre fin à cet accès ? Une nouvelle invitation sera nécessaire pour le rétablir.',
      )
    )
      return;
    change.mutate({ d, action });
  };
  const recordActions = (d: Delegation): 'revoke'[] =>
    open(d) && (d.mine || d.status === 'PENDING' || d.kind === 'aidant') ? ['revoke'] : [];

  return (
    <>
      <h2 data-route-heading>Partage du profil</h2>
      {change.isError && (
        <Alert
          className="fr-mb-2w"
          severity="error"
          small
          description={change.error instanceof ApiError ? change.error.message : unavailableMessage}
        />
      )}
      {data.profileKind === 'minor' ? (
        <section className="fr-mb-4w">
          <h3>Représentants légaux de {current.firstName}</h3>
          <DelegationList
            items={data.representatives}
            show="person"
            empty="Aucun représentant légal."
            actionsOf={recordActions}
            onAction={onAction}
            busy={change.isPending}
          />
          <h4>Inviter le second représentant légal</h4>
          <p>
            Il accepte l’invitation depuis son propre profil Carnet, dans Paramètres › Partage du
            profil.
          </p>
          <IdentityForm
            submitLabel="Inviter"
            withEndDate={false}
            onSubmit={async ({ endsOn: _endsOn, ...identity }) => {
              await inviteRepresentative(identity);
              await refresh();
            }}
          />
        </section>
      ) : (
        <section className="fr-mb-4w">
          <h3>Mes aidants</h3>
          <p>Jusqu’à 3 aidants peuvent accéder à votre profil.</p>
          <DelegationList
            items={data.aidants}
            show="person"
            empty="Vous n’avez pas d’aidant."
            actionsOf={recordActions}
            onAction={onAction}
            busy={change.isPending}
          />
          {current.role === 'titulaire' && (
            <>
              <h4>Ajouter un aidant</h4>
              <p>
                Un aidant peut consulter, ajouter, modifier et supprimer vos documents et les
                informations de votre profil, et lire et envoyer des messages. Il ne peut pas gérer
                le partage, vos coordonnées, votre identifiant ou votre mot de passe, ni clôturer
                votre profil ou exporter vos données.
              </p>
              <IdentityForm
                submitLabel="Inviter l’aidant"
                withEndDate
                onSubmit={async (input) => {
                  await inviteAidant(input);
                  await refresh();
                }}
              />
            </>
          )}
        </section>
      )}
      <section className="fr-mb-4w">
        <h3>Profils que je représente ou que j’aide</h3>
        <DelegationList
          items={data.received}
          show="patient"
          empty="Aucune invitation ni profil partagé avec vous."
          actionsOf={(d) =>
            d.status === 'PENDING'
              ? ['accept', 'refuse']
              : d.status === 'ACCEPTED'
                ? ['revoke']
                : []
          }
          onAction={onAction}
          busy={change.isPending}
        />
      </section>
      {current.role === 'titulaire' && (
        <section>
          <h3>Activer le profil de mon enfant</h3>
          <p>Saisissez le code provisoire reçu pour le profil de votre enfant mineur.</p>
          <ChildActivationForm />
        </section>
      )}
    </>
  );
}
