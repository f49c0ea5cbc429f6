/** Errors of the delegations domain (French messages shown as is). */
import { AppError } from '../../platform/http/app-error.ts';

/** Error factories of the delegations module. */
export const delegationsErrors = {
  /** Unknown INS, other names or birth date: one answer, no enumeration. */
  identityMismatch: () =>
    new AppError(
      'delegation.identity_mismatch',
      400,
      'Ces informations ne correspondent à aucune personne pouvant être invitée. Vérifiez le numéro de sécurité sociale, les nom, prénom et date de naissance.',
    ),
  self: () =>
    new AppError('delegation.self', 400, 'Vous ne pouvez pas vous inviter vous-même.', {
      ins: 'Saisissez l’identité d’une autre personne.',
    }),
  already: () =>
    new AppError(
      'delegation.already',
      409,
      'Cette personne a déjà accès à ce profil ou une invitation est en attente.',
    ),
  tooManyAidants: () =>
    new AppError('delegation.too_many_aidants', 409, 'Un profil peut avoir au plus 3 aidants.'),
  tooManyAides: () =>
    new AppError(
      'delegation.too_many_aides',
      409,
      'Cette personne aide déjà le nombre maximal de 5 personnes.',
    ),
  notMinor: () =>
    new AppError(
      'delegation.not_minor',
      400,
      'Un second représentant légal ne peut être invité que pour le profil d’un enfant mineur.',
    ),
  notAdult: () =>
    new AppError(
      'delegation.not_adult',
      400,
      'Seule une personne majeure peut donner accès à son profil à un aidant.',
    ),
  expired: () =>
    new AppError(
      'delegation.invitation_expired',
      410,
      'Cette invitation a expiré. Demandez une nouvelle invitation.',
    ),
  endsOnInvalid: () =>
    new AppError('delegation.ends_on_invalid', 400, 'La date de fin doit être dans le futur.', {
      endsOn: 'Saisissez une date future.',
    }),
  representativeUnknown: () =>
    new AppError(
      'delegation.representative_unknown',
      400,
      'Aucun profil Carnet activé ne correspond à cet INS de représentant légal.',
    ),
};
