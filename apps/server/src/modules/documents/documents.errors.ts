/** Errors of the document vault (French messages shown as is). */
import type { FileRejection } from '../../platform/files/file-inspector.ts';
import { AppError } from '../../platform/http/app-error.ts';

const megabytes = (bytes: number) =>
  `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;

/** Error factories of the documents module. */
export const documentsErrors = {
  tooLarge: (maxBytes: number) =>
    new AppError(
      'document.too_large',
      413,
      `Le fichier dépasse la taille maximale autorisée (${megabytes(maxBytes)}).`,
    ),
  empty: () => new AppError('document.empty', 400, 'Le fichier est vide.'),
  typeRefused: () =>
    new AppError(
      'document.type_refused',
      415,
      'Ce format de fichier n’est pas accepté. Formats acceptés : PDF, JPEG, PNG, TIFF, TXT, RTF.',
    ),
  typeMismatch: () =>
    new AppError(
      'document.type_mismatch',
      415,
      'Le contenu du fichier ne correspond pas à son extension ou à son type déclaré.',
    ),
  fileMissing: () =>
    new AppError('document.file_missing', 400, 'Ajoutez un fichier.', {
      file: 'Ajoutez un fichier',
    }),
  tooManyParts: () =>
    new AppError(
      'document.too_many_parts',
      413,
      'Un seul fichier par envoi, avec au plus 10 informations.',
    ),
  invalidFields: (fields: Record<string, string>) =>
    new AppError('request.invalid', 400, 'Certaines informations sont invalides.', fields),
  dateInFuture: () =>
    new AppError('document.date_in_future', 400, 'La date du document ne peut pas être future.', {
      date: 'La date du document ne peut pas être future',
    }),
  folderNotFound: () =>
    new AppError('document.folder_not_found', 404, 'Ce dossier n’existe pas.', {
      folderId: 'Ce dossier n’existe pas',
    }),
  readOnly: () =>
    new AppError(
      'document.read_only',
      403,
      'Ce document a été ajouté par un professionnel de santé. Il ne peut pas être modifié ou supprimé.',
    ),
  /** INVISIBLE_REPRESENTANTS_LEGAUX is the minor's secret: refused for an adult patient. */
  invisibleToLegalRepsNotMinor: () =>
    new AppError(
      'document.invisible_to_legal_reps_not_minor',
      400,
      'Un document ne peut être rendu invisible aux représentants légaux que pour un patient mineur.',
      {
        invisibleToLegalRepresentatives:
          'Réservé aux patients mineurs (moins de 18 ans à la date d’aujourd’hui)',
      },
    ),
  invisibleAndMasked: () =>
    new AppError(
      'document.invisible_and_masked',
      400,
      'Un document ne peut pas être à la fois invisible pour le patient et masqué aux professionnels de santé.',
      { invisibleToPatient: 'Incompatible avec un document masqué aux professionnels de santé' },
    ),
  nothingToChange: () =>
    new AppError('request.invalid', 400, 'Indiquez au moins une modification.', {
      _: 'Indiquez au moins une modification',
    }),
  unavailable: () =>
    new AppError(
      'document.unavailable',
      503,
      'Le fichier de ce document est momentanément indisponible. Réessayez plus tard.',
    ),
  previewNotReady: () =>
    new AppError(
      'document.preview_unavailable',
      404,
      'L’aperçu de ce document n’est pas disponible.',
    ),
  /** The error for a file the inspector refused. */
  fromRejection: (reason: FileRejection, maxBytes: number) => {
    switch (reason) {
      case 'too_large':
        return documentsErrors.tooLarge(maxBytes);
      case 'empty':
        return documentsErrors.empty();
      case 'type_refused':
        return documentsErrors.typeRefused();
      case 'type_mismatch':
        return documentsErrors.typeMismatch();
    }
  },
};
