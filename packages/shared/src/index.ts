/** The wire: schemas, types, error codes and vocabularies shared by server and web. */
export * from './errors.ts';
export * from './auth.ts';
export * from './vocabularies.ts';
export * from './documents.ts';
export * from './access.ts';
export * from './pro.ts';
export * from './history.ts';
export * from './pro-documents.ts';
export * from './delegations.ts';
