/**
 * Wording of a record's documents in the professional space (PRODUCT.md "Masquer", "Invisible au
 * patient"; ACCESS.md "which documents"), beside the patient's wording it reuses.
 */
import type { ProDocumentSummary } from '@carnet/shared';
import { formatDay } from '../access/format.ts';
import { addedByLabel } from '../documents/wording.ts';

/** The list answers 404 when the record is not readable now (blocked, no grant, window over). */
export const noDocumentAccessMessage = "Vous n'avez pas accès aux documents de ce dossier.";

/** Badge of the professional's own documents. */
export const mineLabel = 'Ajouté par vous';

/** The two confidentiality choices of a professional's upload. */
export const proConfidentialityOptions = [
  { value: 'visible', label: 'Visible par les professionnels de santé autorisés' },
  { value: 'masque', label: 'Masqué aux autres professionnels de santé' },
] as const;

/** The checkbox of the upload form (PRODUCT.md "Invisible au patient"). */
export const invisibleCheckboxLabel =
  "Rendre invisible pour le patient jusqu'à la consultation d'annonce (1 mois au plus)";

/** The patient's "masquer par défaut" applies to a document left visible. */
export const defaultHint =
  'Si le patient a choisi de masquer par défaut ses nouveaux documents, un document visible sera masqué.';

/** Why the two choices exclude each other (PRODUCT.md: never both invisible and masked). */
export const exclusionHint =
  'Un document ne peut pas être à la fois invisible pour le patient et masqué aux autres professionnels de santé.';

/** Hint of the invisibility: what happens after two weeks and after one month. */
export const invisibleHint =
  "Le patient est informé au bout de 2 semaines qu'un document l'attend ; le document lui devient visible automatiquement au bout d'un mois.";

/** "Invisible pour le patient jusqu'au 12/05/2026" (or without a date when none is known). */
export function invisibleLabel(document: Pick<ProDocumentSummary, 'invisibleUntil'>): string {
  return document.invisibleUntil
    ? `Invisible pour le patient jusqu'au ${formatDay(document.invisibleUntil)}`
    : 'Invisible pour le patient';
}

/** "Ajouté par Dr Adama Ndiaye", "Ajouté par le patient", "Ajouté par l'Assurance Maladie". */
export function proAddedByLabel(author: ProDocumentSummary['author']): string {
  return addedByLabel(author) ?? 'Ajouté par le patient';
}

/** Toast after an action of the author on its document. */
export const updateMessages = {
  masked: 'Le document est masqué aux autres professionnels de santé.',
  unmasked: 'Le document est visible par les professionnels de santé autorisés.',
  invisible: "Le document est invisible pour le patient jusqu'à la consultation d'annonce.",
  visible: 'Le document est visible pour le patient.',
} as const;
