/** Errors of "Télécharger mes données" (French messages shown as is). */
import { AppError } from '../../platform/http/app-error.ts';

/** Error factories of the exports module. */
export const exportsErrors = {
  alreadyRunning: () =>
    new AppError(
      'export.already_running',
      409,
      'Une préparation de vos données est déjà en cours. Vous recevrez un e-mail dès qu’elle sera prête.',
    ),
  /** The profile's archive is being made for another person (the other legal representative). */
  runningForAnother: () =>
    new AppError(
      'export.already_running',
      409,
      'Une préparation des données de ce profil, demandée par une autre personne, est déjà en cours. Vous pourrez en demander une nouvelle lorsqu’elle sera terminée.',
    ),
};
