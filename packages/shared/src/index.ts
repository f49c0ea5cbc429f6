/** The wire: schemas, types, error codes and vocabularies shared by server and web. */
export * from './errors.ts';
export * from './auth.ts';
export * from './vocabularies.ts';
export * from './documents.ts';
export * from './access.ts';
export * from './pro.ts';
export * from './history.ts';
export * from './pro-documents.ts';
export * from './profile-vocabularies.ts';
export * from './profile.ts';
export * from './profile-format.ts';
export * from './messaging.ts';
export * from './lifecycle.ts';
export * from './pro-recovery.ts';
export * from './delegations.ts';
export * from './oauth.ts';
