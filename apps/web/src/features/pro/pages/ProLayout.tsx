/** The professional space's own simple shell: DSFR header "Carnet — Espace professionnel". */
import { Outlet } from 'react-router';
import { Header } from '@codegouvfr/react-dsfr/Header';
import { PageFrame } from '../../../app/PageFrame.tsx';
import { brandTop } from '../../../app/brand.tsx';
import { useSession } from '../../../app/session-context.ts';
import { MessagesNavLabel } from '../../messages/components/UnreadBadge.tsx';
import { useHeaderBrand } from '../../../app/use-operator-brand.ts';

const home = { to: '/pro', title: 'Accueil - Carnet — Espace professionnel' };

/** "Se déconnecter" in the header once a professional is signed in. */
export function ProLayout() {
  const { state, signOut } = useSession();
  const brand = useHeaderBrand(home);
  const signedIn = state.status === 'signed-in' && state.me.kind === 'professional';
  return (
    <PageFrame
      header={
        <Header
          {...brand}
          brandTop={brandTop}
          homeLinkProps={home}
          serviceTitle="Carnet — Espace professionnel"
          quickAccessItems={
            signedIn
              ? [
                  {
                    iconId: 'fr-icon-mail-line',
                    text: <MessagesNavLabel side="professional" label="Messagerie" />,
                    linkProps: { to: '/pro/messages' },
                  },
                  {
                    iconId: 'fr-icon-logout-box-r-line',
                    text: 'Se déconnecter',
                    buttonProps: { type: 'button', onClick: () => void signOut() },
                  },
                ]
              : []
          }
          disableDisplay
        />
      }
    >
      <Outlet />
    </PageFrame>
  );
}
