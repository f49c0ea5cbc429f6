/** Errors of the access domain (French messages shown as is). */
import { AppError } from '../../platform/http/app-error.ts';

/** Error factories of the access module. */
export const accessErrors = {
  notAuthorized: () =>
    new AppError(
      'access.not_authorized',
      400,
      'Seul un professionnel de santé autorisé peut recevoir le statut administrateur.',
    ),
  notAdministrator: () =>
    new AppError(
      'access.not_administrator',
      400,
      'Ce professionnel de santé n’a pas le statut administrateur.',
    ),
  notBlocked: () =>
    new AppError('access.not_blocked', 400, 'Ce professionnel de santé n’est pas bloqué.'),
  maskedNeedsMode: () =>
    new AppError(
      'access.emergency_masked_needs_mode',
      400,
      'L’accès aux documents masqués en cas d’urgence nécessite d’autoriser le SAMU ou les autres professionnels de santé.',
      {
        masked:
          'Autorisez d’abord l’accès du SAMU ou des autres professionnels de santé en cas d’urgence.',
      },
    ),
  patientRequired: () => new AppError('auth.required', 401, 'Veuillez vous connecter.'),
};
