/** Errors of the history. */
import { AppError } from '../../platform/http/app-error.ts';

/** The errors the history raises. */
export const historyErrors = {
  /** A cursor that this server did not issue. */
  cursorInvalid: () =>
    new AppError(
      'history.cursor_invalid',
      400,
      'La page demandée est invalide. Rechargez la page.',
      {
        cursor: 'Curseur invalide',
      },
    ),
};
