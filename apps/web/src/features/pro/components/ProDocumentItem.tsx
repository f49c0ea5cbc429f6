/**
 * One line of a record's documents for a professional: file icon, title (opens the document in
 * place), date, type, author and the badges of ACCESS.md's flags.
 */
import type { ReactNode } from 'react';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { ProDocumentSummary } from '@carnet/shared';
import { categoryLabel, formatDate, maskedLabel } from '../../documents/wording.ts';
import { invisibleLabel, mineLabel, proAddedByLabel } from '../documents-wording.ts';

/** Props: the document, whether it is open, and the opened panel. */
export interface ProDocumentItemProps {
  document: ProDocumentSummary;
  open: boolean;
  onToggle: () => void;
  /** The opened document (preview, download, the author's actions), under the line. */
  children?: ReactNode;
}

/** The id of a document's panel, for `aria-controls` and focus. */
export const documentPanelId = (docId: string) => `document-${docId}`;

/** Titles are user text: React escapes them (never raw HTML). */
export function ProDocumentItem(props: ProDocumentItemProps) {
  const { document, open, onToggle, children } = props;
  return (
    <li>
      <div className="carnet-document">
        <FileIcon document={document} />
        <div className="carnet-document__body">
          <h3 className="fr-h6 fr-mb-1v">
            <button
              type="button"
              id={`ouvrir-${document.id}`}
              className="fr-link carnet-pro-document__open"
              aria-expanded={open}
              aria-controls={open ? documentPanelId(document.id) : undefined}
              onClick={onToggle}
            >
              {document.title}
            </button>
          </h3>
          <p className="fr-text--sm fr-mb-1v">
            {formatDate(document.date)} · {categoryLabel(document.category)}
          </p>
          <p className="fr-text--sm fr-mb-1v">{proAddedByLabel(document.author)}</p>
          <DocumentFlags document={document} />
        </div>
      </div>
      {open && children}
    </li>
  );
}

/** "Masqué aux professionnels de santé", "Invisible pour le patient jusqu'au …", "Ajouté par vous". */
export function DocumentFlags({ document }: { document: ProDocumentSummary }) {
  const masked = document.confidentiality === 'masque';
  if (!masked && !document.invisibleToPatient && !document.mine) return null;
  return (
    <ul className="fr-badges-group fr-mb-0">
      {masked && (
        <li>
          <Badge small severity="warning">
            {maskedLabel}
          </Badge>
        </li>
      )}
      {document.invisibleToPatient && (
        <li>
          <Badge small severity="info">
            {invisibleLabel(document)}
          </Badge>
        </li>
      )}
      {document.mine && (
        <li>
          <Badge small severity="new" noIcon>
            {mineLabel}
          </Badge>
        </li>
      )}
    </ul>
  );
}

/**
 * An icon, not the thumbnail: the server traces each thumbnail as a read of the document, and the
 * patient's history must show only the documents the professional actually opened.
 */
function FileIcon({ document }: { document: ProDocumentSummary }) {
  const image = document.mimeType.startsWith('image/');
  return (
    <span className="carnet-document-thumbnail carnet-document-thumbnail--icon" aria-hidden="true">
      <span className={image ? 'fr-icon-image-line' : 'fr-icon-file-text-line'} />
    </span>
  );
}
