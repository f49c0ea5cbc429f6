/** Tables of the documents domain: documents, versions, folders, settings, reports, and the jobs queue. */

/** A health document of a record; its bytes live in `document_versions`. */
export interface DocumentsTable {
  id: string;
  patient_id: string;
  title: string;
  /** Title in lower case without accents, for accent- and case-insensitive search. */
  title_search: string;
  /** "Date du document", YYYY-MM-DD. */
  doc_date: string;
  category: string;
  /** `masque` = masked to professionals (MASQUE_PS). */
  confidentiality: 'visible' | 'masque';
  /** Set by a PS pending an announcement consultation; null = visible to the patient. */
  invisible_to_patient_until: string | null;
  invisible_to_legal_reps: number;
  folder_id: string | null;
  pinned: number;
  author_type: 'patient' | 'professional' | 'establishment' | 'system';
  /** Patient id or professional id; null for the system. */
  author_id: string | null;
  /** Author's display name at the time of deposit ("Dr Adama Ndiaye"); null for the patient. */
  author_name: string | null;
  author_profession: string | null;
  current_version: number;
  created_at: string;
  updated_at: string;
  /** Logical deletion by the author PS; the patient's own deletions remove the row. */
  deleted_at: string | null;
}

/** One stored file of a document, encrypted under its own data key. */
export interface DocumentVersionsTable {
  id: string;
  patient_id: string;
  document_id: string;
  version: number;
  blob_key: string;
  mime_type: string;
  file_name: string;
  size: number;
  sha256: string;
  /** SHA-1 hex of the plain bytes (IHE MHD `attachment.hash`); null before migration 0007. */
  sha1?: string | null;
  /** The data key wrapped by the KEK of `kek_version`, base64; emptied then deleted on crypto-shredding. */
  wrapped_key: string;
  kek_version: string;
  preview_status: 'pending' | 'ready' | 'failed' | 'none';
  preview_kind: 'pages' | 'image' | 'text' | null;
  page_count: number;
  has_thumbnail: number;
  created_at: string;
}

/** The patient's folders. */
export interface FoldersTable {
  id: string;
  patient_id: string;
  name: string;
  created_at: string;
  updated_at: string;
}

/** Paramètres › Confidentialité of the documents. */
export interface DocumentSettingsTable {
  patient_id: string;
  mask_new_by_default: number;
  updated_at: string;
}

/** "Signaler un problème" on a document added by a professional. */
export interface DocumentReportsTable {
  id: string;
  patient_id: string;
  document_id: string;
  message: string;
  created_at: string;
}

/** Background jobs (previews…), claimed with a lease; a row is deleted once done. */
export interface JobsTable {
  id: string;
  patient_id: string | null;
  type: string;
  /** JSON of non-health facts (ids). */
  payload: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
}

/** Version of a record's document list, bumped by triggers on every document write (migration 0006). */
export interface DocumentListVersionsTable {
  patient_id: string;
  version: number | string;
}

/** The SubmissionSet of an ITI-65 provide (FHIR `List`), stored minimally (migration 0016). */
export interface SubmissionSetsTable {
  id: string;
  patient_id: string;
  author_id: string;
  unique_id_system: string | null;
  unique_id: string | null;
  submitted_at: string;
  created_at: string;
}

/** The documents a SubmissionSet carried, in the List's order. */
export interface SubmissionSetDocumentsTable {
  submission_set_id: string;
  document_id: string;
  position: number;
}

/** The documents tables. */
export interface DocumentsDatabase {
  document_list_versions: DocumentListVersionsTable;
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
  folders: FoldersTable;
  document_settings: DocumentSettingsTable;
  document_reports: DocumentReportsTable;
  jobs: JobsTable;
  submission_sets: SubmissionSetsTable;
  submission_set_documents: SubmissionSetDocumentsTable;
}
