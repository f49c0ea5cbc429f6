/**
 * The inline preview of a record's document for a professional: rendered pages (PDF, TIFF), the
 * image, or the text. Same display as the patient's DocumentPreviewView, on the professional
 * routes (`/api/pro/patients/:patientId/documents/:docId/preview…`).
 */
import { useEffect, useState } from 'react';
import type { ProDocumentSummary } from '@carnet/shared';
import { getPatientDocumentText, patientDocumentUrls } from '../api.ts';
import { usePatientDocumentPreview } from '../hooks.ts';

const unavailable = 'Aperçu indisponible. Vous pouvez télécharger le document.';

/** Props: the record and the document. */
export interface ProDocumentPreviewProps {
  patientId: string;
  document: ProDocumentSummary;
}

/** Polled while "Aperçu en cours de préparation…". */
export function ProDocumentPreview({ patientId, document }: ProDocumentPreviewProps) {
  const { state } = usePatientDocumentPreview(patientId, document.id);
  if (state.status === 'loading') return <p role="status">Chargement de l'aperçu…</p>;
  if (state.status === 'error') return <p>{unavailable}</p>;
  const preview = state.data;
  if (preview.status === 'pending') return <p role="status">Aperçu en cours de préparation…</p>;
  if (preview.status === 'failed') return <p>{unavailable}</p>;
  if (preview.status === 'none' || preview.kind === null) {
    return (
      <p>Aucun aperçu n'est disponible pour ce format. Vous pouvez télécharger le document.</p>
    );
  }
  const urls = patientDocumentUrls(patientId, document.id);
  if (preview.kind === 'text') {
    return <TextPreview patientId={patientId} id={document.id} title={document.title} />;
  }
  if (preview.kind === 'image') {
    return (
      <figure className="carnet-preview-page">
        <img src={urls.page(1)} alt={document.title} />
      </figure>
    );
  }
  const pages = Array.from({ length: preview.pageCount }, (_, i) => i + 1);
  return (
    <>
      {pages.map((n) => (
        <figure key={n} className="carnet-preview-page">
          <img src={urls.page(n)} alt={`${document.title}, page ${n}`} />
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
function TextPreview({ patientId, id, title }: { patientId: string; id: string; title: string }) {
  const [text, setText] = useState<{ id: string; value: string | null }>();
  useEffect(() => {
    let live = true;
    getPatientDocumentText(patientId, id).then(
      (value) => live && setText({ id, value }),
      () => live && setText({ id, value: null }),
    );
    return () => {
      live = false;
    };
  }, [patientId, id]);
  if (text?.id !== id) return <p role="status">Chargement de l'aperçu…</p>;
  if (text.value === null) return <p>{unavailable}</p>;
  return (
    // Focusable so that a keyboard can scroll a long text (RGAA 7.3).
    <pre className="carnet-preview-text" tabIndex={0} aria-label={`Texte du document ${title}`}>
      {text.value}
    </pre>
  );
}
