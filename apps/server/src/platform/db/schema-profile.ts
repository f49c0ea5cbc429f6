/** Tables of the medical profile (issue 11). */

/** One entry of a rubrique; `data` is the entry's JSON content. */
export interface ProfileEntriesTable {
  id: string;
  patient_id: string;
  rubrique: string;
  type: string;
  kind: string | null;
  entry_date: string | null;
  data: string;
  masked: number;
  author_type: 'patient' | 'professional';
  author_id: string;
  author_name: string | null;
  due_date: string | null;
  created_at: string;
  updated_at: string;
}

/** A rubrique's switches: "Je ne suis pas concerné(e)" and masked to professionals. */
export interface ProfileRubriquesTable {
  patient_id: string;
  rubrique: string;
  not_concerned: number;
  masked: number;
  updated_at: string;
}

/** The patient's optional target range per measure. */
export interface MeasureTargetsTable {
  patient_id: string;
  measure: string;
  min_value: number | null;
  max_value: number | null;
  updated_at: string;
}

/** The profile tables. */
export interface ProfileDatabase {
  profile_entries: ProfileEntriesTable;
  profile_rubriques: ProfileRubriquesTable;
  measure_targets: MeasureTargetsTable;
}
