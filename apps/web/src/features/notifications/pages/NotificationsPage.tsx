/** /parametres/notifications-email (PRODUCT.md "Notifications e-mail"): toggles and what is always sent. */
import { useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { ToggleSwitch } from '@codegouvfr/react-dsfr/ToggleSwitch';
import type { NotificationPreferences } from '@carnet/shared';
import { useMe } from '../../../app/session-context.ts';
import { errorMessage } from '../../../ui/server-errors.ts';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { useNotificationPreferences, useSavePreferences } from '../hooks.ts';

const toggles: Array<{ key: keyof NotificationPreferences; label: string; hint: string }> = [
  {
    key: 'messages',
    label: 'Messages reçus',
    hint: 'Un professionnel de santé m’a écrit dans la messagerie sécurisée.',
  },
  {
    key: 'documentsByProfessional',
    label: 'Documents ajoutés ou modifiés par un professionnel de santé',
    hint: 'Un professionnel de santé a ajouté ou modifié un document de mon profil.',
  },
  {
    key: 'reminders',
    label: 'Rappels (vaccinations, examens)',
    hint: 'Un rappel de vaccination ou d’examen arrive à échéance.',
  },
];

/** Each toggle saves at once; "Mise à jour effectuée" or the error follows. */
export function NotificationsPage() {
  usePageTitle('Notifications e-mail - Paramètres');
  const me = useMe();
  const query = useNotificationPreferences();
  const save = useSavePreferences();
  const [notice, setNotice] = useState<{ ok: boolean; message: string }>();
  // The change being saved shows at once; a refusal brings back what the server holds.
  const preferences = save.isPending ? save.variables : query.data;

  const change = (key: keyof NotificationPreferences, value: boolean) => {
    if (!preferences || save.isPending) return;
    setNotice(undefined);
    save.mutate(
      { ...preferences, [key]: value },
      {
        onSuccess: () => setNotice({ ok: true, message: 'Mise à jour effectuée' }),
        onError: (error) => setNotice({ ok: false, message: errorMessage(error) }),
      },
    );
  };

  return (
    <>
      <h2 data-route-heading="">Notifications e-mail</h2>
      <p>
        {me.email
          ? `Je choisis les notifications que je reçois à l’adresse ${me.email}.`
          : 'Aucune adresse e-mail n’est renseignée : ajoutez-en une dans Informations personnelles pour recevoir les notifications.'}{' '}
        Les e-mails ne contiennent jamais de donnée de santé : ils m’invitent à me connecter.
      </p>
      <div aria-live="polite">
        {notice && (
          <Alert
            className="fr-mb-3w"
            severity={notice.ok ? 'success' : 'error'}
            small
            description={notice.message}
          />
        )}
      </div>
      {query.isPending && <p>Chargement en cours…</p>}
      {query.isError && <Alert severity="error" small description={errorMessage(query.error)} />}
      {preferences && (
        <fieldset className="fr-fieldset fr-mb-4w" aria-labelledby="notifications-choix">
          <legend id="notifications-choix" className="fr-fieldset__legend">
            <h3 className="fr-h6 fr-mb-0">Je reçois un e-mail quand :</h3>
          </legend>
          {toggles.map(({ key, label, hint }) => (
            <div key={key} className="fr-fieldset__element">
              <ToggleSwitch
                label={label}
                helperText={hint}
                checked={preferences[key]}
                disabled={save.isPending}
                onChange={(checked) => change(key, checked)}
              />
            </div>
          ))}
        </fieldset>
      )}
      <h3 className="fr-h6">Notifications toujours envoyées</h3>
      <p>Pour ma sécurité, je reçois toujours un e-mail, sans pouvoir le désactiver, pour :</p>
      <ul>
        <li>
          le premier accès de chaque professionnel de santé à mon profil dans la journée (au plus un
          e-mail par professionnel et par jour) ;
        </li>
        <li>chaque accès en urgence à mon profil (mon médecin traitant est aussi prévenu) ;</li>
        <li>une connexion à mon compte depuis un nouvel appareil ;</li>
        <li>
          la modification de mon mot de passe, de mon adresse e-mail ou de mon numéro de mobile ;
        </li>
        <li>la clôture de mon profil.</li>
      </ul>
    </>
  );
}
