/** The centred grey panel of the sign-in, activation and recovery screens. */
import type { ReactNode } from 'react';
import { Panel } from './Panel.tsx';

/** Narrow column on large screens, full width on small ones. */
export function AuthPanel({ children }: { children: ReactNode }) {
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-10 fr-col-lg-7">
        <Panel className="fr-px-3w fr-px-md-8w fr-py-5w fr-py-md-7w">{children}</Panel>
      </div>
    </div>
  );
}
