/** /parametres/informations-personnelles: connection data and contact details, as in the guide. */
import { useRef, useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { Me } from '@carnet/shared';
import { useMe, useSession } from '../../../app/session-context.ts';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { ContactChangeForm } from '../components/ContactChangeForm.tsx';
import { EditPanel } from '../components/EditPanel.tsx';
import { InfoRow } from '../components/InfoRow.tsx';
import type { EditAction } from '../components/InfoRow.tsx';
import { PasswordChangeForm } from '../components/PasswordChangeForm.tsx';
import { SessionsList } from '../components/SessionsList.tsx';

type Editing = 'password' | 'email' | 'mobile';

const editors = {
  password: { what: 'le mot de passe', title: 'Modifier mon mot de passe' },
  email: { what: "l'adresse e-mail", title: 'Modifier mon adresse e-mail' },
  mobile: {
    what: 'le numéro de téléphone mobile',
    title: 'Modifier mon numéro de téléphone mobile',
  },
} as const;

const hiddenPassword = (
  <>
    <span aria-hidden="true">*****</span>
    <span className="fr-sr-only">Masqué</span>
  </>
);

const panelId = (editing: Editing) => `modifier-${editing}`;
const buttonId = (editing: Editing) => `modifier-${editing}-bouton`;

/** One editor open at a time; "Mise à jour effectuée" after each change. */
export function PersonalInfoPage() {
  usePageTitle('Informations personnelles - Paramètres');
  const me = useMe();
  const { signedIn } = useSession();
  const [editing, setEditing] = useState<Editing>();
  const [updated, setUpdated] = useState(false);
  const alert = useRef<HTMLDivElement>(null);

  const edit = (what: Editing): EditAction => ({
    what: editors[what].what,
    panelId: panelId(what),
    expanded: editing === what,
    onClick: () => {
      setUpdated(false);
      setEditing(editing === what ? undefined : what);
    },
    buttonId: buttonId(what),
  });
  const cancel = () => {
    const what = editing;
    setEditing(undefined);
    // Focus goes back to the "Modifier" button that opened the panel.
    if (what) document.getElementById(buttonId(what))?.focus();
  };
  const done = (me?: Me) => {
    if (me) signedIn(me);
    setEditing(undefined);
    setUpdated(true);
    requestAnimationFrame(() => alert.current?.focus());
  };
  const panel = (what: Editing) =>
    editing === what && (
      <EditPanel id={panelId(what)} title={editors[what].title}>
        {what === 'password' ? (
          <PasswordChangeForm onDone={() => done()} onCancel={cancel} />
        ) : (
          <ContactChangeForm kind={what} onDone={done} onCancel={cancel} />
        )}
      </EditPanel>
    );

  return (
    <>
      <h2 data-route-heading="">Informations personnelles</h2>
      <p>
        Les informations personnelles de Carnet sont les mêmes pour tous les profils rattachés à{' '}
        {me.firstName}.
      </p>
      {updated && (
        <div ref={alert} tabIndex={-1} className="fr-mb-3w">
          <Alert
            severity="success"
            small
            closable
            onClose={() => setUpdated(false)}
            description="Mise à jour effectuée"
          />
        </div>
      )}
      <h3>Informations de connexion</h3>
      <dl className="carnet-info-list fr-mb-4w">
        <InfoRow label="Identifiant" value={me.identifiant} />
        <InfoRow label="Mot de passe" value={hiddenPassword} edit={edit('password')} />
      </dl>
      {panel('password')}
      <h3>Coordonnées de contact</h3>
      <dl className="carnet-info-list fr-mb-4w">
        <InfoRow label="Adresse e-mail" value={me.email ?? 'Non renseignée'} edit={edit('email')} />
        <InfoRow
          label="Numéro de téléphone mobile"
          value={me.mobile ?? 'Non renseigné'}
          edit={edit('mobile')}
        />
      </dl>
      {panel('email')}
      {panel('mobile')}
      <SessionsList />
    </>
  );
}
