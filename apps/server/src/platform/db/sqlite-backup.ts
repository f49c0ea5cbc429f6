/** A consistent copy of a live SQLite database (SQLite online backup API), safe while a server writes. */
import SqliteDatabase from 'better-sqlite3';

/**
 * Copies the database at `source` into `destination` (a new file) while other processes keep
 * using it: the online backup API copies pages and restarts when a writer changes the source, so
 * the copy is one committed state. The copy is checked and left in rollback-journal mode, one file.
 */
export async function backupSqlite(source: string, destination: string): Promise<void> {
  const live = new SqliteDatabase(source, { fileMustExist: true });
  try {
    live.pragma('busy_timeout = 5000');
    await live.backup(destination);
  } finally {
    live.close();
  }
  const copy = new SqliteDatabase(destination);
  try {
    copy.pragma('journal_mode = DELETE');
    const result = copy.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error('the database copy fails its integrity check');
  } finally {
    copy.close();
  }
}

/** The version ids of document versions in a SQLite database file, with their blob keys. */
export function sqliteDocumentBlobs(
  path: string,
): Array<{ id: string; documentId: string; patientId: string; blobKey: string }> {
  const db = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        'select id, document_id as documentId, patient_id as patientId, blob_key as blobKey from document_versions',
      )
      .all() as Array<{ id: string; documentId: string; patientId: string; blobKey: string }>;
  } finally {
    db.close();
  }
}
