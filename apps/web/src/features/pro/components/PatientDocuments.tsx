/**
 * SLOT: the documents of the record this professional may see (ACCESS.md "which documents").
 * The listing, preview and download are wired by the lead once the PS document routes exist.
 */

/** Props: the record and the mode of the reads (the lead's listing will need both). */
export interface PatientDocumentsProps {
  patientId: string;
  readMode: 'normal' | 'urgence';
}

/** Placeholder of the documents listing. */
export function PatientDocuments({ patientId, readMode }: PatientDocumentsProps) {
  return (
    <section aria-labelledby="documents-du-patient" className="fr-mb-6w">
      <h2 id="documents-du-patient" className="fr-h4">
        Documents
      </h2>
      <p data-patient-id={patientId} data-read-mode={readMode}>
        Les documents s'afficheront ici.
      </p>
    </section>
  );
}
