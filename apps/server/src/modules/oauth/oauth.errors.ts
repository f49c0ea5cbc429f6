/** Errors of the OAuth module (`oauth.<reason>`, French messages). */
import { AppError } from '../../platform/http/app-error.ts';

/** The OAuth module's errors. */
export const oauthErrors = {
  interactionNotFound: () =>
    new AppError(
      'oauth.interaction_not_found',
      404,
      'Cette demande d’autorisation a expiré ou n’existe pas. Relancez-la depuis votre logiciel.',
    ),
  clientNameInvalid: () =>
    new AppError('oauth.client_name_invalid', 400, 'Le nom du logiciel va de 1 à 100 caractères.'),
  redirectUriInvalid: (uri: string) =>
    new AppError(
      'oauth.redirect_uri_invalid',
      400,
      `Adresse de retour refusée : ${uri} (https, ou http sur 127.0.0.1/localhost ; sans fragment).`,
    ),
  clientNotFound: () => new AppError('oauth.client_not_found', 404, 'Logiciel inconnu.'),
  insufficientScope: () =>
    new AppError(
      'auth.insufficient_scope',
      403,
      'Le jeton ne porte pas la portée nécessaire (user/*.read ou user/*.write).',
    ),
};
