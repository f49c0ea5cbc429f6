/** Tables of the documents domain: documents, versions, folders. */

/** The documents tables (filled by the documents work). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DocumentsDatabase {}
