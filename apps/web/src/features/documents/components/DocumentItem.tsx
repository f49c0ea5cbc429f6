/** One line of "Mes documents": selection box, thumbnail, title, date, type, badges, pin. */
import { Link } from 'react-router';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { DocumentSummary } from '@carnet/shared';
import { categoryLabel, formatDate } from '../wording.ts';
import { DocumentBadges } from './DocumentBadges.tsx';
import { DocumentThumbnail } from './DocumentThumbnail.tsx';

/** Props: the document, whether it is selected, and the two actions of the line. */
export interface DocumentItemProps {
  document: DocumentSummary;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onTogglePin: () => void;
}

/** Titles are user text: React escapes them (never raw HTML). */
export function DocumentItem({ document, selected, onSelect, onTogglePin }: DocumentItemProps) {
  const boxId = `selection-${document.id}`;
  return (
    <li className="carnet-document">
      <div className="fr-checkbox-group fr-checkbox-group--sm carnet-document__select">
        <input
          type="checkbox"
          id={boxId}
          checked={selected}
          onChange={(event) => onSelect(event.target.checked)}
        />
        <label className="fr-label" htmlFor={boxId}>
          <span className="fr-sr-only">Sélectionner {document.title}</span>
        </label>
      </div>
      <DocumentThumbnail document={document} />
      <div className="carnet-document__body">
        <h3 className="fr-h6 fr-mb-1v">
          <Link to={`/documents/${encodeURIComponent(document.id)}`}>{document.title}</Link>
        </h3>
        <p className="fr-text--sm fr-mb-1v">
          {formatDate(document.date)} · {categoryLabel(document.category)}
        </p>
        <DocumentBadges document={document} />
      </div>
      <div className="carnet-document__actions">
        <Button
          priority="tertiary no outline"
          size="small"
          iconId={document.pinned ? 'ri-unpin-line' : 'ri-pushpin-line'}
          onClick={onTogglePin}
        >
          {document.pinned ? 'Désépingler' : 'Épingler'}
          <span className="fr-sr-only"> {document.title}</span>
        </Button>
      </div>
    </li>
  );
}
