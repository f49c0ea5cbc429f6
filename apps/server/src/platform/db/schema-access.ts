/** Tables of the access domain: grants, emergency settings and windows, médecin traitant, matrix. */

/** A professional's grant on a record (ACCESS.md "Facts"); no row means `none`. */
export interface GrantsTable {
  patient_id: string;
  professional_id: string;
  status: 'none' | 'authorized' | 'administrator' | 'blocked';
  /** Since when the current status holds ("Depuis le dd/mm/yyyy"). */
  since: string;
  updated_at: string;
}

/** The patient's three emergency toggles; no row means the defaults (samu, others on; masked off). */
export interface EmergencySettingsTable {
  patient_id: string;
  samu: number;
  others: number;
  masked: number;
  updated_at: string;
}

/** An emergency access opened by a professional; open while `closed_at` is null and `until` ahead. */
export interface EmergencyWindowsTable {
  id: string;
  patient_id: string;
  professional_id: string;
  mode: 'samu' | 'bris-de-glace';
  reason: string;
  opened_at: string;
  until: string;
  closed_at: string | null;
}

/** The médecin traitant declared by the operator (one per record). */
export interface MedecinTraitantTable {
  patient_id: string;
  professional_id: string;
  since: string;
}

/** The matrice d'habilitation loaded by the operator; empty means the shipped default. */
export interface HabilitationMatrixTable {
  profession: string;
  category: string;
  allowed: number;
  loaded_at: string;
}

/** The access tables. */
export interface AccessDatabase {
  grants: GrantsTable;
  emergency_settings: EmergencySettingsTable;
  emergency_windows: EmergencyWindowsTable;
  medecin_traitant: MedecinTraitantTable;
  habilitation_matrix: HabilitationMatrixTable;
}
