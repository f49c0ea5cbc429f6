/** Errors of closure and reactivation (French messages shown as is). */
import { AppError } from '../../platform/http/app-error.ts';

/** What a closed profile's holder reads at sign-in: how to get it back. */
export const CLOSED_PROFILE_MESSAGE =
  'Votre profil Carnet est clôturé : plus personne n’y a accès. Pour le réactiver, contactez votre organisme d’assurance maladie, qui vous enverra un nouveau code provisoire ; vos documents et votre historique seront restaurés.';

/** Error factories of closure and reactivation. */
export const closureErrors = {
  passwordIncorrect: () =>
    new AppError('account.password_mismatch', 400, 'Mot de passe incorrect.', {
      password: 'Mot de passe incorrect.',
    }),
  notTitulaire: () =>
    new AppError(
      'account.close_not_titulaire',
      403,
      'Vous consultez le profil d’une personne que vous représentez : seul son titulaire peut clôturer un profil. Pour clôturer votre propre profil, affichez d’abord votre profil (« Profil affiché » en haut de la page).',
    ),
  alreadyClosed: () => new AppError('account.already_closed', 409, 'Ce profil est déjà clôturé.'),
  profileClosed: () => new AppError('auth.profile_closed', 403, CLOSED_PROFILE_MESSAGE),
  patientUnknown: () => new AppError('patient.not_found', 404, 'Aucun profil pour cet INS.'),
  notClosed: () =>
    new AppError(
      'reactivation.not_closed',
      409,
      'Ce profil n’est pas clôturé : il n’y a rien à réactiver.',
    ),
  erased: () =>
    new AppError(
      'reactivation.erased',
      409,
      'Les données de ce profil ont été supprimées à la demande de son titulaire : il ne peut pas être réactivé. Un nouveau profil peut être créé.',
    ),
};
