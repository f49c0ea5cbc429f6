/**
 * /parametres/confidentialite/urgence: "← Accès en cas d'urgence" of the guide, three toggles
 * saved at once (PRODUCT.md "Emergency access": "Documents masqués" needs SAMU or Autres).
 */
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { ToggleSwitch } from '@codegouvfr/react-dsfr/ToggleSwitch';
import type { EmergencySettings } from '@carnet/shared';
import { useMe } from '../../../app/session-context.ts';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { BackTitle } from '../components/BackTitle.tsx';
import { errorMessage } from '../../../ui/server-errors.ts';
import { StatusToast } from '../../../ui/StatusToast.tsx';
import { useToast } from '../../../ui/use-toast.ts';
import { useEmergencySettings, useSaveEmergencySettings } from '../hooks.ts';

/** The toggles and the sentence about the e-mail sent at each emergency access. */
export function EmergencyAccessPage() {
  usePageTitle("Accès en cas d'urgence - Paramètres");
  const me = useMe();
  const query = useEmergencySettings();
  const save = useSaveEmergencySettings();
  const { toast, show, hide } = useToast();
  // What the person just chose is shown while it is being saved.
  const settings = save.isPending ? save.variables : query.data;

  const update = (patch: Partial<EmergencySettings>) => {
    if (!settings) return;
    const next = { ...settings, ...patch };
    if (!next.samu && !next.others) next.masked = false;
    // Only the last change's outcome is shown (TanStack calls these for the last `mutate`).
    save.mutate(next, {
      onSuccess: () => show('success', 'Mise à jour effectuée'),
      onError: (error) => show('error', errorMessage(error)),
    });
  };

  const maskedAllowed = settings !== undefined && (settings.samu || settings.others);

  return (
    <>
      <BackTitle
        title="Accès en cas d'urgence"
        to="/parametres/confidentialite"
        backLabel="Retour à Confidentialité"
      />
      <p className="fr-mb-1w">
        Si mon état de santé le nécessite, je peux donner l'accès aux professionnels de santé aux
        rubriques suivantes :
      </p>
      <ul>
        <li>Documents</li>
        <li>Vaccinations</li>
        <li>Historique de soins</li>
        <li>Entourage et dons d'organe</li>
        <li>Directives anticipées</li>
      </ul>
      <p>
        {me.email ? (
          <>
            Je recevrai alors une notification sur l'adresse e-mail{' '}
            <a href={`mailto:${me.email}`}>{me.email}</a>.
          </>
        ) : (
          <>
            Je recevrai alors une notification sur mon adresse e-mail, dès qu'elle sera renseignée
            dans mes informations personnelles.
          </>
        )}
      </p>
      <StatusToast toast={toast} onClose={hide} />
      {query.isPending && <p role="status">Chargement en cours…</p>}
      {query.isError && <Alert severity="error" small description={errorMessage(query.error)} />}
      {settings && (
        <div className="fr-mt-4w">
          <ToggleSwitch
            className="fr-mb-4w"
            label="SAMU"
            helperText="J'autorise les professionnels de santé du SAMU à accéder à ces rubriques en cas d'urgence."
            checked={settings.samu}
            onChange={(samu) => update({ samu })}
          />
          <ToggleSwitch
            className="fr-mb-4w"
            label="Autres professionnels de santé"
            helperText="J'autorise les professionnels de santé à accéder à ces rubriques en cas d'urgence."
            checked={settings.others}
            onChange={(others) => update({ others })}
          />
          <ToggleSwitch
            label="Documents masqués"
            helperText={
              <>
                J'autorise les professionnels de santé à consulter mes documents masqués en cas
                d'urgence.
                {!maskedAllowed && (
                  <>
                    <br />
                    Disponible lorsque j'autorise l'accès du SAMU ou des autres professionnels de
                    santé.
                  </>
                )}
              </>
            }
            disabled={!maskedAllowed}
            checked={settings.masked}
            onChange={(masked) => update({ masked })}
          />
        </div>
      )}
    </>
  );
}
