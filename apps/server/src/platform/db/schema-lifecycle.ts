/** Tables of the profile lifecycle: closures (retention, deletion request) and data exports. */

/** A closed record: archived until `delete_after`, then erased; reactivation removes the row. */
export interface PatientClosuresTable {
  patient_id: string;
  closed_at: string;
  /** Set when the titulaire asked for the deletion of their data at closure. */
  deletion_requested_at: string | null;
  /** closed_at + CARNET_DELETION_DELAY_DAYS with a request, + 10 years without. */
  delete_after: string;
  /** Set once documents, keys and rows are gone; the traces stay (R1111-36, R1111-46). */
  erased_at: string | null;
}

/** "Télécharger mes données": one archive, built by a job, encrypted in the blob store. */
export interface DataExportsTable {
  id: string;
  patient_id: string;
  status: 'pending' | 'running' | 'ready' | 'failed' | 'expired';
  /** 0–100, shown on the page while the job runs. */
  progress: number;
  requested_at: string;
  ready_at: string | null;
  expires_at: string | null;
  blob_key: string | null;
  /** The archive's data key wrapped by the KEK; emptied when the archive is deleted. */
  wrapped_key: string | null;
  kek_version: string | null;
  size: number | null;
  /** Who asked (a patient id): the titulaire, or a legal representative of a minor. */
  requested_by: string | null;
  requester_role: 'titulaire' | 'representant-legal' | null;
}

/** The proof of an opposition: its facts and the hash of the token that downloads its PDF. */
export interface OppositionAttestationsTable {
  /** Shown to the person: "OPP-XXXX-XXXX". */
  reference: string;
  patient_id: string;
  opposed_at: string;
  token_hash: string;
  expires_at: string;
}

/** The lifecycle tables. */
export interface LifecycleDatabase {
  patient_closures: PatientClosuresTable;
  data_exports: DataExportsTable;
  opposition_attestations: OppositionAttestationsTable;
}
