/** /parametres: title, the guide's introduction, the side menu and the selected section. */
import { Outlet, useLocation } from 'react-router';
import { SideMenu } from '@codegouvfr/react-dsfr/SideMenu';
import { useMe } from '../../../app/session-context.ts';
import { settingsSections } from '../settings-sections.ts';

/** Each section is a child route rendered beside the menu. */
export function SettingsLayout() {
  const me = useMe();
  const { pathname } = useLocation();
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
            items={settingsSections.map(({ text, path }) => ({
              text,
              linkProps: { to: `/parametres/${path}` },
              isActive: pathname === `/parametres/${path}`,
            }))}
          />
        </div>
        <div className="fr-col-12 fr-col-md-8">
          <Outlet />
        </div>
      </div>
    </>
  );
}
