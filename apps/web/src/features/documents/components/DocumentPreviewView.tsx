/**
 * The inline preview of a document, for the patient and the professional alike: rendered pages
 * (PDF, TIFF), the image, or the text; polled while the background job prepares it. `url` is the
 * document's resource (`/api/documents/:id` or `/api/pro/patients/:patientId/documents/:docId`).
 */
import { previewPageUrl } from '../api.ts';
import { usePreview, usePreviewText } from '../hooks.ts';

const unavailable = 'Aperçu indisponible. Vous pouvez télécharger le document.';

/** Props: the document's resource URL and its title (the images' text alternative). */
export interface DocumentPreviewViewProps {
  url: string;
  title: string;
}

/** Previews are made by a background job; until then "Aperçu en cours de préparation…". */
export function DocumentPreviewView({ url, title }: DocumentPreviewViewProps) {
  const query = usePreview(url);
  if (query.isPending) return <p role="status">Chargement de l'aperçu…</p>;
  if (query.isError) return <p>{unavailable}</p>;
  const preview = query.data;
  if (preview.status === 'pending') return <p role="status">Aperçu en cours de préparation…</p>;
  if (preview.status === 'failed') return <p>{unavailable}</p>;
  if (preview.status === 'none' || preview.kind === null) {
    return (
      <p>Aucun aperçu n'est disponible pour ce format. Vous pouvez télécharger le document.</p>
    );
  }
  if (preview.kind === 'text') return <TextPreview url={url} title={title} />;
  if (preview.kind === 'image') {
    return (
      <figure className="carnet-preview-page">
        <img src={previewPageUrl(url, 1)} alt={title} />
      </figure>
    );
  }
  const pages = Array.from({ length: preview.pageCount }, (_, i) => i + 1);
  return (
    <>
      {pages.map((n) => (
        <figure key={n} className="carnet-preview-page">
          <img src={previewPageUrl(url, n)} alt={`${title}, page ${n}`} />
          <figcaption className="fr-text--sm fr-mt-1w" aria-hidden="true">
            Page {n}
          </figcaption>
        </figure>
      ))}
      <p className="fr-text--sm">
        L'aperçu montre les premières pages du document. Téléchargez-le pour le lire en entier.
      </p>
    </>
  );
}

/** The text in a <pre>, escaped by React like every user text. */
function TextPreview({ url, title }: DocumentPreviewViewProps) {
  const text = usePreviewText(url);
  if (text.isPending) return <p role="status">Chargement de l'aperçu…</p>;
  if (text.isError) return <p>{unavailable}</p>;
  return (
    // Focusable so that a keyboard can scroll a long text (RGAA 7.3).
    <pre className="carnet-preview-text" tabIndex={0} aria-label={`Texte du document ${title}`}>
      {text.data}
    </pre>
  );
}
