/** The one application error: a wire code, an HTTP status and a French message safe to show. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** 404 exactly like a missing row: used for what an actor may not see too. */
export const notFound = (): AppError =>
  new AppError('resource.not_found', 404, 'Ressource introuvable.');
