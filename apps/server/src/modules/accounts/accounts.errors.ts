/** Errors of sign-in, activation, recovery and account settings (French messages shown as is). */
import { AppError } from '../../platform/http/app-error.ts';

/** Error factories of the accounts module. */
export const accountsErrors = {
  invalidCredentials: () =>
    new AppError('auth.invalid_credentials', 401, 'Identifiant ou mot de passe incorrect.'),
  throttled: (seconds: number) =>
    new AppError(
      'auth.throttled',
      429,
      `Trop de tentatives. Réessayez dans ${Math.max(1, Math.ceil(seconds / 60))} minute(s).`,
    ),
  noPendingSignIn: () =>
    new AppError(
      'auth.no_pending_sign_in',
      401,
      'Votre connexion a expiré. Recommencez depuis l’étape 1.',
    ),
  channelUnavailable: () =>
    new AppError('auth.channel_unavailable', 400, 'Ce mode de réception n’est pas disponible.'),
  codeInvalid: (remaining: number) =>
    new AppError(
      'auth.code_invalid',
      400,
      `Code incorrect. Il vous reste ${remaining} essai${remaining > 1 ? 's' : ''}.`,
    ),
  codeUnknown: () =>
    new AppError('auth.code_invalid', 400, 'Code incorrect ou expiré. Demandez un nouveau code.'),
  codeExpired: () =>
    new AppError('auth.code_expired', 400, 'Ce code a expiré. Demandez un nouveau code.'),
  codeExhausted: () =>
    new AppError(
      'auth.code_exhausted',
      400,
      'Trop d’essais incorrects : ce code n’est plus valable. Demandez un nouveau code.',
    ),
  codeTooSoon: (seconds: number) =>
    new AppError(
      'auth.code_too_soon',
      429,
      `Vous pourrez demander un nouveau code dans ${seconds} secondes.`,
    ),
  codeDailyLimit: () =>
    new AppError(
      'auth.code_daily_limit',
      429,
      'Nombre maximal de codes atteint pour aujourd’hui. Réessayez demain.',
    ),
  activationInvalid: () =>
    new AppError(
      'activation.invalid',
      400,
      'Les informations saisies ne permettent pas d’activer un profil. Vérifiez le code provisoire, l’INS et la date de naissance.',
    ),
  activationExpired: () =>
    new AppError(
      'activation.code_expired',
      400,
      'Ce code provisoire a expiré. Contactez votre organisme pour en recevoir un nouveau.',
    ),
  identifiantTaken: () =>
    new AppError('account.identifiant_taken', 400, 'Cet identifiant est déjà utilisé.', {
      identifiant: 'Cet identifiant est déjà utilisé.',
    }),
  identifiantInvalid: (message: string) =>
    new AppError('account.identifiant_invalid', 400, message, { identifiant: message }),
  passwordWeak: (message: string, field = 'password') =>
    new AppError('account.password_weak', 400, message, { [field]: message }),
  passwordMismatch: () =>
    new AppError('account.password_mismatch', 400, 'Mot de passe actuel incorrect.', {
      currentPassword: 'Mot de passe actuel incorrect.',
    }),
  contactInvalid: (message: string) =>
    new AppError('account.contact_invalid', 400, message, { value: message }),
  flowInvalid: () =>
    new AppError('account.flow_invalid', 400, 'Cette demande a expiré. Recommencez.'),
};
