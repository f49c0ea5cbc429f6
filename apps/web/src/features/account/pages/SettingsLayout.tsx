/** /parametres: title, the guide's introduction, the side menu and the selected section. */
import { Outlet, useLocation } from 'react-router';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { SideMenu } from '@codegouvfr/react-dsfr/SideMenu';
import { sectionAllowed, useProfile } from '../../profiles/profile-context.ts';
import { useMe } from '../../../app/session-context.ts';
import { settingsSections } from '../settings-sections.ts';

/** Each section is a child route rendered beside the menu. */
export function SettingsLayout() {
  const me = useMe();
  const { pathname } = useLocation();
  const { current } = useProfile();
  // An aidant acting for someone manages none of their settings (ACCESS.md "Patient side").
  const sections = settingsSections.filter(({ path }) => sectionAllowed(current.role, path));
  const section = pathname.replace(/^\/parametres\/?/, '').split('/')[0] ?? '';
  const allowed = section === '' || sectionAllowed(current.role, section);
  return (
    <>
      <h1>Paramètres de {me.firstName}</h1>
      <p>
        Je peux modifier les informations de mon profil et de mes profils rattachés.
        <br />
        Je peux suivre l'historique d'activité, gérer mes notifications e-mail et clôturer mon
        profil Carnet.
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <SideMenu
            align="left"
            burgerMenuButtonText="Dans les paramètres"
            items={sections.map(({ text, path }) => ({
              text,
              linkProps: { to: `/parametres/${path}` },
              isActive: pathname === `/parametres/${path}`,
            }))}
          />
        </div>
        <div className="fr-col-12 fr-col-md-8">
          {allowed ? (
            <Outlet />
          ) : (
            <Alert
              severity="info"
              title="Rubrique non accessible"
              description={`En tant qu’aidant de ${current.firstName} ${current.lastName}, vous ne pouvez pas accéder à cette rubrique.`}
            />
          )}
        </div>
      </div>
    </>
  );
}
