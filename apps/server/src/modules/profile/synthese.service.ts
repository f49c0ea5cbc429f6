/**
 * "Synthèse du profil médical" (PRODUCT.md, issue 11): the rubriques the patient chose, as a PDF to
 * download, as a `SYNTH_PML` document saved through the documents service (encrypted, previewed
 * and traced like any other), or as a FHIR IPS Bundle. Each export is traced.
 */
import { randomUUID } from 'node:crypto';
import type { ProfileRubrique } from '@carnet/shared';
import { notFound } from '../../platform/http/app-error.ts';
import { ipsBundle } from './ips.fhir.ts';
import type { ActingPerson } from '../sessions/acting-person.ts';
import { traceActorOf } from '../sessions/acting-person.ts';
import type { ProfileDeps } from './profile.deps.ts';
import type { ProfileService } from './profile.service.ts';
import type { SyntheseContent } from './synthese.pdf.ts';
import { synthesePdf } from './synthese.pdf.ts';

/** Creates the synthèse service. */
export function createSyntheseService(deps: ProfileDeps, profile: Pick<ProfileService, 'get'>) {
  async function content(
    patientId: string,
    rubriques: readonly ProfileRubrique[],
    by?: ActingPerson,
  ): Promise<SyntheseContent> {
    const [full, patient] = await Promise.all([
      profile.get(patientId, by),
      deps.patients.find(patientId),
    ]);
    if (!patient) throw notFound();
    return {
      patient: {
        firstName: patient.first_name,
        lastName: patient.last_name,
        birthDate: patient.birth_date,
      },
      rubriques: full.rubriques.filter((r) => rubriques.includes(r.code)),
      bmi: full.bmi,
      generatedAt: deps.clock.now(),
    };
  }

  const trace = (
    patientId: string,
    action: string,
    rubriques: readonly ProfileRubrique[],
    by?: ActingPerson,
  ) =>
    deps.db.transaction().execute((trx) =>
      deps.traces.append(trx, {
        patientId,
        actor: by ? traceActorOf(by) : { type: 'patient', id: patientId },
        action,
        target: { type: 'rubrique', id: 'profil-medical' },
        details: { rubriques: rubriques.join(',') },
      }),
    );

  return {
    /** The PDF of the chosen rubriques; traced `profile.synthese_download`. */
    async pdf(
      patientId: string,
      rubriques: readonly ProfileRubrique[],
      by?: ActingPerson,
    ): Promise<Buffer> {
      const pdf = await synthesePdf(await content(patientId, rubriques, by));
      await trace(patientId, 'profile.synthese_download', rubriques, by);
      return pdf;
    },

    /** Saves the PDF in "Mes documents" as "Synthèse médicale" (SYNTH_PML); the new id. */
    async save(
      patientId: string,
      rubriques: readonly ProfileRubrique[],
      by?: ActingPerson,
    ): Promise<string> {
      const pdf = await synthesePdf(await content(patientId, rubriques, by));
      return deps.documents.saveSynthese(patientId, pdf);
    },

    /** The FHIR IPS document Bundle (JSON); traced `profile.export`. */
    async ips(patientId: string, rubriques: readonly ProfileRubrique[], by?: ActingPerson) {
      const bundle = ipsBundle(await content(patientId, rubriques, by), randomUUID);
      await trace(patientId, 'profile.export', rubriques, by);
      return bundle;
    },
  };
}

/** The synthèse service. */
export type SyntheseService = ReturnType<typeof createSyntheseService>;
