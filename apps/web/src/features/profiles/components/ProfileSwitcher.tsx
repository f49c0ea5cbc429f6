/** Header item: the selected profile, always visible, and the switch to another one. */
import { useId, useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { useProfile } from '../profile-context.ts';

/** A labelled select of the profiles (the person's own first). */
export function ProfileSwitcher() {
  const { current, profiles, select } = useProfile();
  const id = useId();
  const [busy, setBusy] = useState(false);
  if (profiles.length < 2)
    return <span className={fr.cx('fr-text--sm', 'fr-m-0')}>Profil de {current.firstName}</span>;
  return (
    <div className={fr.cx('fr-select-group', 'fr-m-0')}>
      <label className={fr.cx('fr-label')} htmlFor={id}>
        Profil affiché
      </label>
      <select
        id={id}
        className={fr.cx('fr-select')}
        value={current.patientId}
        disabled={busy}
        onChange={(event) => {
          setBusy(true);
          void select(event.target.value).catch(() => setBusy(false));
        }}
      >
        {profiles.map((p) => (
          <option key={p.patientId} value={p.patientId}>
            {p.firstName}
          </option>
        ))}
      </select>
    </div>
  );
}
