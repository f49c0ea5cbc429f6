/** The list thumbnail: the image the background job made, or an icon while there is none. */
import { useState } from 'react';
import type { DocumentSummary } from '@carnet/shared';
import { thumbnailUrl } from '../api.ts';

/** `alt` is the document's title (user text, escaped by React). */
export function DocumentThumbnail({ document }: { document: DocumentSummary }) {
  // A thumbnail that fails to load (not made for this format) falls back to the icon.
  const [broken, setBroken] = useState(false);
  if (document.preview === 'ready' && !broken) {
    return (
      <img
        className="carnet-document-thumbnail"
        src={thumbnailUrl(document.id)}
        alt={document.title}
        loading="lazy"
        onError={() => setBroken(true)}
      />
    );
  }
  const pending = document.preview === 'pending';
  return (
    <span className="carnet-document-thumbnail carnet-document-thumbnail--icon">
      <span
        className={pending ? 'fr-icon-time-line' : 'fr-icon-file-text-line'}
        aria-hidden="true"
      />
      {pending && <span className="fr-sr-only">Miniature en cours de préparation</span>}
    </span>
  );
}
