/** The persistent "Accès en mode urgence" notice, shown during the whole window (ISSUE 4). */
import { Notice } from '@codegouvfr/react-dsfr/Notice';
import type { ProAccess } from '@carnet/shared';
import { formatDateTime } from '../../access/format.ts';

const modeLabels = { samu: 'mode SAMU', 'bris-de-glace': 'bris de glace' } as const;

/** Not closable: it stays until the window ends. */
export function EmergencyBanner({ emergency }: { emergency: NonNullable<ProAccess['emergency']> }) {
  return (
    <Notice
      className="fr-mb-4w"
      severity="warning"
      title="Accès en mode urgence"
      description={`Accès ouvert en ${modeLabels[emergency.mode]} jusqu'au ${formatDateTime(emergency.until)}. Chaque consultation est tracée et le patient en est informé.`}
    />
  );
}
