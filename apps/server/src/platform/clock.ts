/** Time as a dependency, so tests are deterministic. */
export interface Clock {
  now(): Date;
}

/** The system clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can move forward. */
export function createManualClock(start = new Date('2026-11-27T09:00:00.000Z')) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
    set(date: Date) {
      current = date.getTime();
    },
  };
}

/** A manual clock. */
export type ManualClock = ReturnType<typeof createManualClock>;

/** ISO-8601 text of a date shifted by `ms`. */
export const isoPlus = (date: Date, ms: number): string =>
  new Date(date.getTime() + ms).toISOString();
