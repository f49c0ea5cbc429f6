/**
 * /pro/autorisation/:uid: a professional lets practice software act in their name (issue 10,
 * OAuth 2.0). Signed out, the page sends to the professional sign-in (3 steps) and comes back;
 * a patient's session cannot approve. The decision goes back to the software through the
 * authorization server (same origin only).
 */
import { useState } from 'react';
import { Navigate, useParams } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { ButtonsGroup } from '@codegouvfr/react-dsfr/ButtonsGroup';
import type { SignInState } from '../../../app/navigation-state.ts';
import { useSession } from '../../../app/session-context.ts';
import { AuthPanel } from '../../../ui/AuthPanel.tsx';
import { errorMessage, isNotFound } from '../../../ui/server-errors.ts';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { decide, getInteraction } from '../api.ts';

/** Follows the server's answer only to this origin's authorization server. */
function follow(redirectTo: string): void {
  const target = new URL(redirectTo, window.location.origin);
  if (target.origin === window.location.origin && target.pathname.startsWith('/oauth/'))
    window.location.assign(target.href);
}

/** The consent screen, once a professional is signed in. */
export function OAuthConsentPage() {
  usePageTitle('Autoriser un logiciel - Espace professionnel');
  const { uid = '' } = useParams();
  const { state } = useSession();
  if (state.status === 'loading') return <p role="status">Chargement en cours…</p>;
  if (state.status === 'signed-out') {
    const next: SignInState = { from: `/pro/autorisation/${encodeURIComponent(uid)}` };
    return <Navigate to="/pro/connexion" replace state={next} />;
  }
  if (state.status === 'unavailable' || state.me.kind !== 'professional') {
    return (
      <AuthPanel>
        <h1 className="fr-h3">Autoriser un logiciel</h1>
        <p>
          Seul un professionnel de santé connecté à l’espace professionnel peut autoriser un
          logiciel. Déconnectez-vous de l’espace patient, puis relancez la demande depuis votre
          logiciel.
        </p>
      </AuthPanel>
    );
  }
  return <Consent uid={uid} />;
}

function Consent({ uid }: { uid: string }) {
  const request = useQuery({ queryKey: ['oauth', uid], queryFn: () => getInteraction(uid) });
  const [done, setDone] = useState(false);
  const decision = useMutation({
    mutationFn: (choice: 'approve' | 'refuse') => decide(uid, choice),
    onSuccess: ({ redirectTo }) => {
      setDone(true);
      follow(redirectTo);
    },
  });

  if (request.isPending) return <p role="status">Chargement en cours…</p>;
  if (request.isError) {
    return (
      <AuthPanel>
        <h1 className="fr-h3">Autoriser un logiciel</h1>
        <Alert
          severity="error"
          small
          description={
            isNotFound(request.error)
              ? 'Cette demande a expiré ou a déjà reçu une réponse. Relancez-la depuis votre logiciel.'
              : errorMessage(request.error)
          }
        />
      </AuthPanel>
    );
  }
  const { clientName, scopes } = request.data;
  return (
    <AuthPanel>
      <h1 className="fr-h3">Autoriser « {clientName} » à accéder en votre nom</h1>
      <p>Si vous l’autorisez, ce logiciel pourra, en votre nom :</p>
      <ul>
        {scopes.map((scope) => (
          <li key={scope.code}>{scope.label}</li>
        ))}
      </ul>
      <p className="fr-text--sm">
        Les mêmes règles d’accès que dans l’espace professionnel s’appliquent, et chaque accès est
        tracé dans l’historique des patients. Le logiciel reçoit un jeton valable 1 heure,
        renouvelable pendant 14 jours au plus ; il est révocable à tout moment.
      </p>
      {decision.isError ? (
        <Alert
          className="fr-mb-3w"
          severity="error"
          small
          description={errorMessage(decision.error)}
        />
      ) : null}
      {done ? (
        <p role="status">Retour vers votre logiciel…</p>
      ) : (
        <ButtonsGroup
          inlineLayoutWhen="sm and up"
          buttons={[
            {
              children: 'Autoriser',
              disabled: decision.isPending,
              onClick: () => decision.mutate('approve'),
            },
            {
              children: 'Refuser',
              priority: 'secondary',
              disabled: decision.isPending,
              onClick: () => decision.mutate('refuse'),
            },
          ]}
        />
      )}
    </AuthPanel>
  );
}
