/** Layout of the signed-in pages: navigation, user menu; anonymous visits go to /connexion. */
import { Navigate, Outlet, useLocation } from 'react-router';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { MainNavigationProps } from '@codegouvfr/react-dsfr/MainNavigation';
import { unavailableMessage } from './http.ts';
import type { SignInState } from './navigation-state.ts';
import { PageFrame } from './PageFrame.tsx';
import { useSession } from './session-context.ts';
import { SiteHeader } from './SiteHeader.tsx';
import { UserMenu } from './UserMenu.tsx';
import { MessagesNavLabel } from '../features/messages/components/UnreadBadge.tsx';
import { ProfileBanner } from '../features/profiles/components/ProfileBanner.tsx';
import { ProfileSwitcher } from '../features/profiles/components/ProfileSwitcher.tsx';
import { ProfileProvider } from '../features/profiles/ProfileProvider.tsx';

const sections = [
  { text: 'Accueil', to: '/' },
  { text: 'Profil médical', to: '/profil-medical' },
  { text: 'Documents', to: '/documents' },
  { text: 'Messages', to: '/messages' },
] as const;

const expiredMessage = 'Votre session a expiré. Veuillez vous reconnecter.';

/** Guards and frames every signed-in route. */
export function AppShell() {
  const { state, reload } = useSession();
  const location = useLocation();

  if (state.status === 'signed-out') {
    const next: SignInState | undefined = state.expired
      ? {
          from: location.pathname + location.search,
          notice: { severity: 'info', message: expiredMessage },
        }
      : undefined;
    return <Navigate to="/connexion" replace state={next} />;
  }
  if (state.status !== 'signed-in') {
    return (
      <PageFrame header={<SiteHeader />}>
        {state.status === 'loading' ? (
          <p role="status">Chargement en cours…</p>
        ) : (
          <>
            <Alert className="fr-mb-3w" severity="error" small description={unavailableMessage} />
            <Button onClick={reload}>Réessayer</Button>
          </>
        )}
      </PageFrame>
    );
  }

  // A professional's session belongs to the professional space, not to a patient's pages.
  if (state.me.kind === 'professional') return <Navigate to="/pro" replace />;

  const navigation: MainNavigationProps.Item[] = sections.map(({ text, to }) => ({
    // The unread count of the secure messaging shows beside "Messages".
    text: to === '/messages' ? <MessagesNavLabel side="patient" label={text} /> : text,
    linkProps: { to },
    isActive: to === '/' ? location.pathname === '/' : isUnder(location.pathname, to),
  }));
  // Every page acts on the selected profile (issue 13): it shows in the header at all times.
  return (
    <ProfileProvider>
      <PageFrame
        header={
          <SiteHeader
            navigation={navigation}
            quickAccessItems={[
              <ProfileSwitcher key="profile" />,
              <UserMenu key="user" displayName={state.me.displayName} />,
            ]}
          />
        }
      >
        <ProfileBanner />
        <Outlet />
      </PageFrame>
    </ProfileProvider>
  );
}

function isUnder(pathname: string, section: string): boolean {
  return pathname === section || pathname.startsWith(`${section}/`);
}
