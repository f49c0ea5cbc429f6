/** Errors of the secure messaging (French messages shown as is). */
import { MESSAGE_ATTACHMENTS_MAX } from '@carnet/shared';
import type { FileRejection } from '../../platform/files/file-inspector.ts';
import { AppError } from '../../platform/http/app-error.ts';

const megabytes = (bytes: number) =>
  `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;

/** Error factories of the messaging module. */
export const messagingErrors = {
  closed: () =>
    new AppError(
      'conversation.closed',
      409,
      'Cet échange a été clôturé par le professionnel de santé : il n’est plus possible d’y répondre.',
    ),
  tooManyAttachments: () =>
    new AppError(
      'message.too_many_attachments',
      413,
      `Un message peut contenir au plus ${MESSAGE_ATTACHMENTS_MAX} pièces jointes.`,
      { attachments: `Au plus ${MESSAGE_ATTACHMENTS_MAX} pièces jointes` },
    ),
  attachmentsTooLarge: (totalBytes: number) =>
    new AppError(
      'message.attachments_too_large',
      413,
      `Les pièces jointes d’un message ne peuvent pas dépasser ${megabytes(totalBytes)} au total.`,
      { attachments: `Au plus ${megabytes(totalBytes)} au total` },
    ),
  invalidFields: (fields: Record<string, string>) =>
    new AppError('request.invalid', 400, 'Certaines informations sont invalides.', fields),
  documentNotFound: () =>
    new AppError('message.document_not_found', 404, 'Ce document est introuvable.', {
      documentId: 'Ce document est introuvable',
    }),
  /** A refused file, in the documents' words (same formats and limits). */
  fromRejection: (reason: FileRejection, maxBytes: number): AppError => {
    switch (reason) {
      case 'too_large':
        return new AppError(
          'message.attachment_too_large',
          413,
          `Une pièce jointe dépasse la taille maximale autorisée (${megabytes(maxBytes)}).`,
        );
      case 'empty':
        return new AppError('message.attachment_empty', 400, 'Une pièce jointe est vide.');
      case 'type_refused':
        return new AppError(
          'message.attachment_type_refused',
          415,
          'Ce format de pièce jointe n’est pas accepté. Formats acceptés : PDF, JPEG, PNG, TIFF, TXT, RTF.',
        );
      case 'type_mismatch':
        return new AppError(
          'message.attachment_type_mismatch',
          415,
          'Le contenu d’une pièce jointe ne correspond pas à son extension ou à son type déclaré.',
        );
    }
  },
  unavailable: () =>
    new AppError(
      'message.attachment_unavailable',
      503,
      'Cette pièce jointe est momentanément indisponible. Réessayez plus tard.',
    ),
};
