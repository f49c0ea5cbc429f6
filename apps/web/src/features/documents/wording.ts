/** Wording and formats of the document screens (PRODUCT.md "Documents", the guide's words). */
import { documentCategories } from '@carnet/shared';
import type { DocumentCategory, DocumentSummary } from '@carnet/shared';
import { ApiError } from '../../app/http.ts';
import { errorMessage } from '../../ui/server-errors.ts';

/** Badge of a document masked to professionals (confidentiality `MASQUE_PS`). */
export const maskedLabel = 'Masqué aux professionnels de santé';

/** The two confidentiality choices, as radios. */
export const confidentialityOptions = [
  { value: 'visible', label: 'Visible par mes professionnels de santé' },
  { value: 'masque', label: maskedLabel },
] as const;

/** The 12 categories, in PRODUCT.md's order, as select options. */
export const categoryOptions = (Object.keys(documentCategories) as DocumentCategory[]).map(
  (code) => ({ value: code, label: documentCategories[code] }),
);

/** Shown on the add page: the formats checked by the server and the per-file limit. */
export const formatsHint =
  'Formats acceptés : PDF, JPEG, PNG, TIFF, TXT, RTF. Taille maximale : 5 Mo par fichier.';

/** The file input's filter (the server still decides from the bytes). */
export const acceptedExtensions = '.pdf,.jpg,.jpeg,.png,.tif,.tiff,.txt,.rtf';

/** Default per-file limit (CARNET_MAX_DOCUMENT_BYTES); checked here only to fail fast. */
export const maxDocumentBytes = 5 * 1024 * 1024;

/** Message for a file over the limit. */
export const tooLargeMessage = 'Ce fichier dépasse la taille maximale de 5 Mo.';

/** Message for a refused format. */
export const typeRefusedMessage =
  "Ce format de fichier n'est pas accepté. Formats acceptés : PDF, JPEG, PNG, TIFF, TXT, RTF.";

/** Said of a professional's document, on its page (PRODUCT.md "Edit"). */
export const readOnlyMessage =
  'Ce document a été ajouté par un professionnel de santé. Il ne peut pas être modifié ou supprimé.';

/** `2026-03-09` → `09/03/2026`. */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/** Today in the person's time zone, `YYYY-MM-DD` (the default and the maximum of a date). */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `compte-rendu.final.pdf` → `compte-rendu.final` (the default "Nom du document"). */
export function titleFromFileName(name: string): string {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return stem.trim().slice(0, 200);
}

/** French label of a category code. */
export function categoryLabel(code: DocumentCategory): string {
  return documentCategories[code];
}

/** "Ajouté par Dr Adama Ndiaye" for a professional's or establishment's document, else undefined. */
export function addedByLabel(author: DocumentSummary['author']): string | undefined {
  if (author.type === 'patient') return undefined;
  if (author.type === 'system') return `Ajouté par ${author.name ?? "l'Assurance Maladie"}`;
  return `Ajouté par ${author.name ?? 'un professionnel de santé'}`;
}

/** "1 document", "12 documents". */
export function documentCount(n: number): string {
  return `${n} document${n > 1 ? 's' : ''}`;
}

/** A clear French message for a failed upload (the server's message when it names one). */
export function uploadErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (
      error.code === 'document.too_large' ||
      error.code === 'request.too_large' ||
      error.status === 413
    ) {
      return tooLargeMessage;
    }
    if (error.code === 'document.type_refused' || error.status === 415) return typeRefusedMessage;
  }
  return errorMessage(error);
}
