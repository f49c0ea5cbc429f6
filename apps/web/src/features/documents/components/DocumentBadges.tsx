/** Badges of a document: masked to professionals, added by a professional, pinned. */
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { DocumentSummary } from '@carnet/shared';
import { addedByLabel, maskedLabel } from '../wording.ts';

/** Renders nothing when no badge applies. */
export function DocumentBadges({ document }: { document: DocumentSummary }) {
  const addedBy = addedByLabel(document.author);
  if (document.confidentiality !== 'masque' && addedBy === undefined && !document.pinned) {
    return null;
  }
  return (
    <ul className="fr-badges-group fr-mb-0">
      {document.pinned && (
        <li>
          <Badge small severity="new">
            Épinglé
          </Badge>
        </li>
      )}
      {document.confidentiality === 'masque' && (
        <li>
          <Badge small severity="warning">
            {maskedLabel}
          </Badge>
        </li>
      )}
      {addedBy !== undefined && (
        <li>
          <Badge small severity="info" noIcon>
            {addedBy}
          </Badge>
        </li>
      )}
    </ul>
  );
}
