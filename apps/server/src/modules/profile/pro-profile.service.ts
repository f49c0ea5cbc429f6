/**
 * The profile as a professional reads and feeds it (issue 11, ACCESS.md "reading a rubrique").
 * Each request goes through the access gate in ONE transaction with its trace: the rubrique read
 * is decided on fresh facts and traced "Consultation du profil médical – <rubrique>", allowed or
 * denied; what may not be seen (a rubrique not shared with PS, a masked rubrique) answers 404
 * exactly like a missing record. Masked entries are filtered by the same pure policy.
 */
import type {
  ProProfileRubrique,
  ProfileEntry,
  ProfileEntryData,
  ProfileRubrique,
} from '@carnet/shared';
import { profileRubriques, rubriqueOfEntryType } from '@carnet/shared';
import { notFound } from '../../platform/http/app-error.ts';
import type { GateAllowed } from '../access/access-gate.service.ts';
import { profileVisibility } from '../access/access.policy.ts';
import type { Professional } from '../professionals/professionals.service.ts';
import { bmiOf, toProfileEntryDto } from './profile.dto.ts';
import type { ProfileDeps } from './profile.deps.ts';
import type { ProfileEntryRow } from './profile.repository.ts';
import { createProfileRepository } from './profile.repository.ts';
import { checkEntryInput, insertEntry } from './profile-writes.ts';

/** "Dr Adama Ndiaye" for a médecin, "Léa Xi" otherwise: the author as shown to the patient. */
const authorName = (ps: Pick<Professional, 'profession' | 'first_name' | 'last_name'>) =>
  `${ps.profession === 'medecin' ? 'Dr ' : ''}${ps.first_name} ${ps.last_name}`;

/** Creates the professional's profile service. */
export function createProProfileService(deps: ProfileDeps) {
  const { db, gate } = deps;

  const visible = (allowed: GateAllowed, rubriqueMasked: boolean) => (row: ProfileEntryRow) =>
    profileVisibility({
      ...allowed.context,
      professional: allowed.actor,
      mode: allowed.decision.mode,
      profile: {
        rubrique: row.rubrique,
        rubriqueMasked,
        entry: {
          author: { type: row.author_type, id: row.author_id },
          masked: row.masked === 1,
        },
      },
    }).allow;

  return {
    /**
     * The record of an entry id, for FHIR URLs that name an entry alone (`Immunization/<id>`);
     * what the PS may see of it is decided by the `read` that follows.
     */
    recordOfEntry(entryId: string): Promise<string | undefined> {
      return createProfileRepository(db).patientOfEntry(entryId);
    },

    /** One rubrique's entries this professional may see; traced `profile.read`. */
    async read(
      ps: Professional,
      patientId: string,
      rubrique: ProfileRubrique,
    ): Promise<ProProfileRubrique> {
      const result = await db.transaction().execute(async (trx) => {
        const repo = createProfileRepository(trx);
        const switches = await repo.findRubrique(patientId, rubrique);
        const rubriqueMasked = switches?.masked === 1;
        const decision = await gate.check(trx, {
          professional: ps,
          patientId,
          action: 'profile.read',
          resource: { type: 'profile', rubrique, rubriqueMasked },
          trace: {
            action: 'profile.read',
            target: { type: 'rubrique', id: rubrique },
            details: { rubrique },
          },
        });
        if (!decision.allow) return undefined;
        const rows = (await repo.listEntries(patientId, rubrique)).filter(
          visible(decision, rubriqueMasked),
        );
        await deps.notifications.professionalAccessed(trx, { patientId, professionalId: ps.id });
        const latest = (kind: string) =>
          rows.filter((r) => r.type === 'mesure' && r.kind === kind).at(-1);
        return {
          code: rubrique,
          label: profileRubriques[rubrique],
          mode: decision.decision.mode,
          entries: rows.map((r) => toProfileEntryDto(r, ps.id)),
          bmi: rubrique === 'mesures' ? bmiOf(latest('poids'), latest('taille')) : null,
        };
      });
      if (!result) throw notFound();
      return result;
    },

    /**
     * Adds a vaccination or a measure (issue 11); the author is this PS, the patient is told by
     * the "documents ajoutés ou modifiés" toggle. Decided and traced `profile.add`.
     */
    async add(ps: Professional, patientId: string, entry: ProfileEntryData): Promise<ProfileEntry> {
      checkEntryInput(entry, deps.clock.now());
      const rubrique = rubriqueOfEntryType[entry.type];
      const masked = await deps.documents.maskNewByDefault(patientId);
      const row = await db.transaction().execute(async (trx) => {
        const decision = await gate.check(trx, {
          professional: ps,
          patientId,
          action: 'profile.add',
          resource: { type: 'profile', rubrique, rubriqueMasked: false },
          trace: {
            action: 'profile.add',
            target: { type: 'rubrique', id: rubrique },
            details: { rubrique },
          },
        });
        if (!decision.allow) return undefined;
        const inserted = await insertEntry(deps, trx, {
          patientId,
          birthDate: decision.record.birth_date,
          author: { type: 'professional', id: ps.id, name: authorName(ps) },
          entry,
          masked,
        });
        await deps.notifications.documentAddedByProfessional(trx, {
          patientId,
          professionalId: ps.id,
        });
        return inserted;
      });
      if (!row) throw notFound();
      deps.jobs.notify();
      return toProfileEntryDto(row, ps.id);
    },
  };
}

/** The professional's profile service. */
export type ProProfileService = ReturnType<typeof createProProfileService>;
