/** Errors of the medical profile (French messages shown as is). */
import { AppError } from '../../platform/http/app-error.ts';

const invalid = (field: string, message: string) =>
  new AppError('request.invalid', 400, message, { [field]: message });

/** Error factories of the profile module. */
export const profileErrors = {
  dateInFuture: (field: string) => invalid(field, 'La date ne peut pas être dans le futur.'),
  dateInvalid: (field: string) => invalid(field, 'Date invalide.'),
  datesOrder: (field: string) =>
    invalid(field, 'La date de fin ne peut pas précéder la date de début.'),
  implausible: (field: string, label: string, min: string, max: string, unit: string) =>
    invalid(
      field,
      `Valeur non plausible pour ${label} : indiquez une valeur entre ${min} et ${max} ${unit}.`,
    ),
  secondValueMissing: () => invalid('entry.value2', 'Indiquez la tension diastolique.'),
  secondValueUnexpected: () => invalid('entry.value2', 'Cette mesure n’a qu’une valeur.'),
  otherVaccineName: () => invalid('entry.otherName', 'Indiquez le nom du vaccin.'),
  nextDueBeforeDose: () =>
    invalid('entry.nextDue', 'La date du rappel doit suivre la date de vaccination.'),
  secondTrustedPerson: () =>
    new AppError(
      'profile.trusted_person_exists',
      409,
      'Vous avez déjà désigné une personne de confiance. Modifiez-la ou supprimez-la d’abord.',
    ),
  directiveDocument: () =>
    invalid(
      'entry.documentId',
      'Choisissez un document de la catégorie « Directives anticipées ».',
    ),
  typeChange: () => invalid('entry.type', 'Le type d’une information ne peut pas changer.'),
  targetOrder: () =>
    invalid('max', 'La valeur maximale doit être supérieure à la valeur minimale.'),
  addedByProfessional: () =>
    new AppError(
      'profile.read_only',
      403,
      'Cette information a été ajoutée par un professionnel de santé. Elle ne peut pas être modifiée ou supprimée.',
    ),
  notConcernedWithEntries: () =>
    new AppError(
      'profile.rubrique_not_empty',
      409,
      'Supprimez d’abord les informations de cette rubrique.',
    ),
};
