/** Tables of the access domain: grants, emergency settings and windows, professionals' accounts. */

/** The access tables (filled by the access work). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AccessDatabase {}
