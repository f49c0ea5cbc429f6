/** Layout of the pages reachable without a session (sign-in, activation, recovery). */
import { Outlet } from 'react-router';
import { PageFrame } from './PageFrame.tsx';
import { SiteHeader } from './SiteHeader.tsx';

/** Header without navigation. */
export function PublicLayout() {
  return (
    <PageFrame header={<SiteHeader />}>
      <Outlet />
    </PageFrame>
  );
}
