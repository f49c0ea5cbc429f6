/** Tables of the history domain: notification preferences and trace checkpoints. */

/** The history tables (filled by the history work). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface HistoryDatabase {}
