/**
 * The decision table of ACCESS.md. Every combination the spec names is enumerated; the expected
 * verdict comes from the tables below, written from the spec as rows "first match wins", never
 * from the implementation.
 */
import { describe, expect, it } from 'vitest';
import type {
  Action,
  DocumentFacts,
  EmergencySettings,
  Grant,
  HabilitationMatrix,
  PersonActor,
  ProfessionalActor,
  ProfessionalContext,
  RecordStatus,
} from './access.policy.ts';
import {
  PROFILE_RUBRIQUES_READABLE_BY_PS,
  decide,
  documentScopeForProfessional,
  documentVisibleToProfessional,
} from './access.policy.ts';

const NOW = '2026-11-27T09:00:00.000Z';
const LATER = '2026-11-27T13:00:00.000Z';
const EARLIER = '2026-11-27T05:00:00.000Z';

// ---------- the dimensions ----------
const statuses: RecordStatus[] = ['active', 'closed', 'pending-activation', 'opposed'];
const grants: Grant[] = ['none', 'authorized', 'administrator', 'blocked'];
type WindowCase = 'none' | 'samu-open' | 'bris-open' | 'samu-expired' | 'bris-expired';
const windows: WindowCase[] = ['none', 'samu-open', 'bris-open', 'samu-expired', 'bris-expired'];
/** Every valid setting: masked ⇒ samu ∨ others. */
const settingsCases: EmergencySettings[] = [false, true].flatMap((samu) =>
  [false, true].flatMap((others) =>
    [false, true]
      .filter((masked) => !masked || samu || others)
      .map((masked) => ({ samu, others, masked })),
  ),
);
const bools = [false, true];
type AuthorCase = 'self' | 'other-ps' | 'patient';
const authors: AuthorCase[] = ['self', 'other-ps', 'patient'];

// ---------- the spec as tables ----------
type Verdict = 'allow-normal' | 'allow-urgence' | 'deny';
const ANY = Symbol('any');
type Cell<T> = T | readonly T[] | typeof ANY;
const matches = <T>(cell: Cell<T>, value: T) =>
  cell === ANY || (Array.isArray(cell) ? cell.includes(value) : cell === value);

interface RubriqueFacts {
  status: RecordStatus;
  grant: Grant;
  window: WindowCase;
  regulator: boolean;
  samu: boolean;
  others: boolean;
}
type Row<F> = { [K in keyof F]?: Cell<F[K]> } & { then: Verdict };
const firstMatch = <F extends object>(rows: Row<F>[], facts: F): Verdict => {
  const row = rows.find((r) =>
    Object.entries(r).every(
      ([k, cell]) => k === 'then' || matches(cell as Cell<unknown>, facts[k as keyof F]),
    ),
  );
  if (!row) throw new Error('the table has no row for these facts');
  return row.then;
};

/** ACCESS.md "reading a rubrique", rows 1–5 (an expired window is no window). */
const RUBRIQUE: Row<RubriqueFacts>[] = [
  { status: ['closed', 'pending-activation', 'opposed'], then: 'deny' },
  { grant: 'blocked', then: 'deny' },
  { window: 'samu-open', regulator: true, samu: true, then: 'allow-urgence' },
  { window: 'samu-open', then: 'deny' },
  { window: 'bris-open', others: true, then: 'allow-urgence' },
  { window: 'bris-open', then: 'deny' },
  { grant: ['authorized', 'administrator'], then: 'allow-normal' },
  { then: 'deny' },
];

interface DocFacts {
  deleted: boolean;
  author: AuthorCase;
  matrix: boolean;
  masked: boolean;
  grant: Grant;
  urgence: boolean;
  settingsMasked: boolean;
  mtSetting: boolean;
  medecinTraitant: boolean;
}
/** ACCESS.md "which documents, once a rubrique read is allowed": visible (allow) or not (deny). */
const DOCUMENT: Row<DocFacts>[] = [
  { deleted: true, then: 'deny' },
  { author: 'self', then: 'allow-normal' },
  { matrix: false, then: 'deny' },
  { masked: false, then: 'allow-normal' },
  { grant: 'administrator', then: 'allow-normal' },
  { urgence: true, settingsMasked: true, then: 'allow-normal' },
  { mtSetting: true, medecinTraitant: true, then: 'allow-normal' },
  { then: 'deny' },
];

interface ProfileFactsCase {
  rubrique: string;
  author: AuthorCase;
  rubriqueMasked: boolean;
  entryMasked: boolean;
  grant: Grant;
  urgence: boolean;
  settingsMasked: boolean;
  mtSetting: boolean;
  medecinTraitant: boolean;
}
/** Issue 11: the profile rubriques a PS may read (PRODUCT.md + Mesures), then masking. */
const SHARED_RUBRIQUES = ['vaccinations', 'mesures', 'entourage'];
const PROFILE: Row<ProfileFactsCase>[] = [
  {
    rubrique: [
      'maladies',
      'traitements',
      'allergies',
      'hospitalisations',
      'handicaps',
      'antecedents-familiaux',
      'groupe-sanguin',
    ],
    then: 'deny',
  },
  { author: 'self', then: 'allow-normal' },
  { rubriqueMasked: false, entryMasked: false, then: 'allow-normal' },
  { grant: 'administrator', then: 'allow-normal' },
  { urgence: true, settingsMasked: true, then: 'allow-normal' },
  { mtSetting: true, medecinTraitant: true, then: 'allow-normal' },
  { then: 'deny' },
];
const allRubriques = [
  ...SHARED_RUBRIQUES,
  'maladies',
  'traitements',
  'allergies',
  'hospitalisations',
  'handicaps',
  'antecedents-familiaux',
  'groupe-sanguin',
];

interface OtherFacts {
  action: Action;
  rubrique: string;
  status: RecordStatus;
  grant: Grant;
  author: AuthorCase;
  deleted: boolean;
  medecinTraitant: boolean;
  ownTraces: boolean;
  targetSelf: boolean;
}
/** ACCESS.md "Professional side: other actions". */
const OTHER: Row<OtherFacts>[] = [
  { status: ['closed', 'pending-activation', 'opposed'], then: 'deny' },
  { grant: 'blocked', then: 'deny' },
  { action: ['consent.record', 'document.add'], then: 'allow-normal' },
  { action: 'profile.add', rubrique: ['vaccinations', 'mesures'], then: 'allow-normal' },
  // Issue 12: a PS reads, writes in and closes its own conversations only (`targetSelf`: its own).
  {
    action: ['message.read', 'message.send', 'conversation.close'],
    targetSelf: true,
    then: 'allow-normal',
  },
  {
    action: ['document.edit', 'document.delete', 'document.mask', 'document.make_invisible'],
    deleted: false,
    author: 'self',
    then: 'allow-normal',
  },
  { action: 'professional.block', grant: 'administrator', targetSelf: false, then: 'allow-normal' },
  { action: 'traces.read', medecinTraitant: true, then: 'allow-normal' },
  { action: 'traces.read', ownTraces: true, then: 'allow-normal' },
  { then: 'deny' },
];

interface EmergencyFacts {
  status: RecordStatus;
  grant: Grant;
  mode: 'samu' | 'bris-de-glace';
  regulator: boolean;
  samu: boolean;
  others: boolean;
  reason: boolean;
}
/** ACCESS.md "open an emergency window": rows 1–3 with the requested mode, and a reason. */
const EMERGENCY: Row<EmergencyFacts>[] = [
  { status: ['closed', 'pending-activation', 'opposed'], then: 'deny' },
  { grant: 'blocked', then: 'deny' },
  { reason: false, then: 'deny' },
  { mode: 'samu', regulator: true, samu: true, then: 'allow-urgence' },
  { mode: 'bris-de-glace', others: true, then: 'allow-urgence' },
  { then: 'deny' },
];

interface PersonFacts {
  role: PersonActor['role'];
  status: RecordStatus;
  action: Action;
  invisibleToPatient: boolean;
  invisibleToLegal: boolean;
}
const managing: Action[] = [
  'access.manage',
  'emergency.settings',
  'sharing.manage',
  'contact.change',
  'password.change',
  'record.close',
  'record.export',
  'traces.read',
];
const professionalOnly: Action[] = [
  'rubrique.read',
  'profile.read',
  'profile.add',
  'consent.record',
  'professional.block',
  'emergency.open',
  'conversation.start',
  'conversation.close',
  'document.mask',
  'document.make_invisible',
];
const documentActions: Action[] = ['document.read', 'document.edit', 'document.delete'];
/** ACCESS.md "Patient side" (invisibility concerns existing documents). */
const PERSON: Row<PersonFacts>[] = [
  { status: ['closed', 'pending-activation', 'opposed'], then: 'deny' },
  { role: 'none', then: 'deny' },
  { action: professionalOnly, then: 'deny' },
  { role: 'aidant', action: managing, then: 'deny' },
  { invisibleToPatient: true, then: 'deny' },
  { role: 'representant-legal', invisibleToLegal: true, then: 'deny' },
  { then: 'allow-normal' },
];

// ---------- building the facts ----------
const ME = 'ps_me';
const OTHER_PS = 'ps_other';
const actor = (regulator: boolean, profession = 'medecin'): ProfessionalActor => ({
  kind: 'professional',
  id: ME,
  profession,
  isRegulator: regulator,
});
const windowOf = (w: WindowCase): ProfessionalContext['window'] => {
  if (w === 'none') return null;
  const mode = w.startsWith('samu') ? 'samu' : 'bris-de-glace';
  return { mode, until: w.endsWith('open') ? LATER : EARLIER };
};
const matrixOf = (allowed: boolean): HabilitationMatrix => ({ medecin: { BIOLOGIE: allowed } });
const context = (
  c: Partial<ProfessionalContext> & Pick<ProfessionalContext, 'grant'>,
): ProfessionalContext => ({
  now: NOW,
  settings: { samu: true, others: true, masked: false },
  window: null,
  isMedecinTraitant: false,
  medecinTraitantSeesMasked: false,
  matrix: matrixOf(true),
  ...c,
});
const documentOf = (d: {
  author: AuthorCase;
  masked?: boolean;
  deleted?: boolean;
  invisibleUntil?: string | null;
  invisibleToLegal?: boolean;
}): DocumentFacts => ({
  author:
    d.author === 'patient'
      ? { type: 'patient', id: null }
      : { type: 'professional', id: d.author === 'self' ? ME : OTHER_PS },
  category: 'BIOLOGIE',
  maskedToPs: d.masked ?? false,
  invisibleToPatientUntil: d.invisibleUntil ?? null,
  invisibleToLegalRepresentatives: d.invisibleToLegal ?? false,
  deleted: d.deleted ?? false,
});
const verdictOf = (d: { allow: boolean; mode: string }): Verdict =>
  d.allow ? (d.mode === 'urgence' ? 'allow-urgence' : 'allow-normal') : 'deny';

function* rubriqueCombos() {
  for (const status of statuses)
    for (const grant of grants)
      for (const window of windows)
        for (const regulator of bools)
          for (const settings of settingsCases)
            yield { status, grant, window, regulator, settings };
}

/** Collects mismatches so one failure shows every wrong combination, not just the first. */
function check<T>(combos: Iterable<T>, got: (c: T) => Verdict, want: (c: T) => Verdict) {
  const wrong: string[] = [];
  let count = 0;
  for (const c of combos) {
    count += 1;
    const [g, w] = [got(c), want(c)];
    if (g !== w) wrong.push(`${JSON.stringify(c)}: got ${g}, want ${w}`);
  }
  return { count, wrong: wrong.slice(0, 20) };
}

describe('ACCESS.md decision table', () => {
  it('reading a rubrique follows rows 1–5 for every record status, grant, window, role and setting', () => {
    const { count, wrong } = check(
      rubriqueCombos(),
      (c) =>
        verdictOf(
          decide(
            actor(c.regulator),
            { status: c.status },
            'rubrique.read',
            { type: 'record' },
            context({ grant: c.grant, window: windowOf(c.window), settings: c.settings }),
          ),
        ),
      (c) => firstMatch(RUBRIQUE, { ...c, samu: c.settings.samu, others: c.settings.others }),
    );
    expect(count).toBe(4 * 4 * 5 * 2 * 7);
    expect(wrong).toEqual([]);
  });

  it('starting a conversation needs read access to the record (issue 12 narrows ACCESS.md)', () => {
    const { count, wrong } = check(
      rubriqueCombos(),
      (c) =>
        verdictOf(
          decide(
            actor(c.regulator),
            { status: c.status },
            'conversation.start',
            { type: 'record' },
            context({ grant: c.grant, window: windowOf(c.window), settings: c.settings }),
          ),
        ),
      (c) => firstMatch(RUBRIQUE, { ...c, samu: c.settings.samu, others: c.settings.others }),
    );
    expect(count).toBe(4 * 4 * 5 * 2 * 7);
    expect(wrong).toEqual([]);
  });

  it('reading a document needs the rubrique and then its visibility, for every combination', () => {
    function* combos() {
      for (const r of rubriqueCombos())
        for (const author of authors)
          for (const deleted of bools)
            for (const matrix of bools)
              for (const masked of bools)
                for (const mtSetting of bools)
                  for (const medecinTraitant of bools)
                    yield { ...r, author, deleted, matrix, masked, mtSetting, medecinTraitant };
    }
    const { count, wrong } = check(
      combos(),
      (c) =>
        verdictOf(
          decide(
            actor(c.regulator),
            { status: c.status },
            'document.read',
            { type: 'document', document: documentOf(c) },
            context({
              grant: c.grant,
              window: windowOf(c.window),
              settings: c.settings,
              matrix: matrixOf(c.matrix),
              isMedecinTraitant: c.medecinTraitant,
              medecinTraitantSeesMasked: c.mtSetting,
            }),
          ),
        ),
      (c) => {
        const rubrique = firstMatch(RUBRIQUE, {
          ...c,
          samu: c.settings.samu,
          others: c.settings.others,
        });
        if (rubrique === 'deny') return 'deny';
        const visible = firstMatch(DOCUMENT, {
          ...c,
          urgence: rubrique === 'allow-urgence',
          settingsMasked: c.settings.masked,
        });
        return visible === 'deny' ? 'deny' : rubrique;
      },
    );
    expect(count).toBe(1120 * 3 * 32);
    expect(wrong).toEqual([]);
  });

  it('the SQL-friendly document scope agrees with the per-document rule', () => {
    const wrong: string[] = [];
    for (const grant of grants)
      for (const mode of ['normal', 'urgence'] as const)
        for (const settings of settingsCases)
          for (const author of authors)
            for (const deleted of bools)
              for (const matrix of bools)
                for (const masked of bools)
                  for (const mtSetting of bools)
                    for (const isMT of bools) {
                      const input = {
                        professional: { id: ME, profession: 'medecin' },
                        grant,
                        mode,
                        settings,
                        isMedecinTraitant: isMT,
                        medecinTraitantSeesMasked: mtSetting,
                        matrix: matrixOf(matrix),
                      };
                      const doc = documentOf({ author, deleted, masked });
                      const scope = documentScopeForProfessional({
                        ...input,
                        categories: ['BIOLOGIE', 'CPT_REND'],
                      });
                      const byScope =
                        !doc.deleted &&
                        (doc.author.id === scope.authorId ||
                          (scope.categories.includes(doc.category) &&
                            (!doc.maskedToPs || scope.seesMasked)));
                      if (byScope !== documentVisibleToProfessional({ ...input, document: doc }))
                        wrong.push(JSON.stringify({ grant, mode, settings, author, masked }));
                    }
    expect(wrong).toEqual([]);
  });

  it('other professional actions follow the "other actions" table', () => {
    const actions: Action[] = [
      'consent.record',
      'document.add',
      'document.edit',
      'document.delete',
      'document.mask',
      'document.make_invisible',
      'professional.block',
      'traces.read',
      'message.read',
      'message.send',
      'conversation.close',
      'access.manage',
      'emergency.settings',
      'record.export',
      'profile.add',
    ];
    function* combos() {
      for (const action of actions)
        for (const rubrique of action === 'profile.add' ? allRubriques : ['none'])
          for (const status of statuses)
            for (const grant of grants)
              for (const window of windows)
                for (const author of authors)
                  for (const deleted of bools)
                    for (const medecinTraitant of bools)
                      for (const ownTraces of bools)
                        for (const targetSelf of bools)
                          yield {
                            action,
                            rubrique,
                            status,
                            grant,
                            window,
                            author,
                            deleted,
                            medecinTraitant,
                            ownTraces,
                            targetSelf,
                          };
    }
    const { count, wrong } = check(
      combos(),
      (c) => {
        const resource =
          c.action === 'professional.block'
            ? ({ type: 'professional', id: c.targetSelf ? ME : OTHER_PS } as const)
            : c.action === 'traces.read'
              ? ({ type: 'traces', ofActorId: c.ownTraces ? ME : null } as const)
              : c.action === 'profile.add'
                ? ({ type: 'profile', rubrique: c.rubrique, rubriqueMasked: false } as const)
                : c.action.startsWith('message.') || c.action === 'conversation.close'
                  ? ({
                      type: 'conversation',
                      professionalId: c.targetSelf ? ME : OTHER_PS,
                    } as const)
                  : c.action.startsWith('document.') && c.action !== 'document.add'
                    ? ({ type: 'document', document: documentOf(c) } as const)
                    : ({ type: 'record' } as const);
        const d = decide(
          actor(false),
          { status: c.status },
          c.action,
          resource,
          context({
            grant: c.grant,
            window: windowOf(c.window),
            isMedecinTraitant: c.medecinTraitant,
          }),
        );
        return d.allow ? 'allow-normal' : 'deny';
      },
      (c) => firstMatch(OTHER, c),
    );
    expect(count).toBeGreaterThan(10_000);
    expect(wrong).toEqual([]);
  });

  it('reading a profile rubrique needs the rubrique read, a shared rubrique and then masking, for every combination', () => {
    expect([...PROFILE_RUBRIQUES_READABLE_BY_PS].sort()).toEqual([...SHARED_RUBRIQUES].sort());
    function* combos() {
      for (const r of rubriqueCombos())
        for (const rubrique of ['vaccinations', 'mesures', 'entourage', 'allergies', 'maladies'])
          for (const author of authors)
            for (const rubriqueMasked of bools)
              for (const entryMasked of bools)
                for (const mt of [0, 1, 2] as const)
                  yield {
                    ...r,
                    rubrique,
                    author,
                    rubriqueMasked,
                    entryMasked,
                    // 0: neither; 1: médecin traitant without the setting; 2: both.
                    mtSetting: mt === 2,
                    medecinTraitant: mt > 0,
                  };
    }
    const { count, wrong } = check(
      combos(),
      (c) =>
        verdictOf(
          decide(
            actor(c.regulator),
            { status: c.status },
            'profile.read',
            {
              type: 'profile',
              rubrique: c.rubrique,
              rubriqueMasked: c.rubriqueMasked,
              entry: {
                author:
                  c.author === 'patient'
                    ? { type: 'patient', id: 'pat_x' }
                    : { type: 'professional', id: c.author === 'self' ? ME : OTHER_PS },
                masked: c.entryMasked,
              },
            },
            context({
              grant: c.grant,
              window: windowOf(c.window),
              settings: c.settings,
              isMedecinTraitant: c.medecinTraitant,
              medecinTraitantSeesMasked: c.mtSetting,
            }),
          ),
        ),
      (c) => {
        const rubrique = firstMatch(RUBRIQUE, {
          ...c,
          samu: c.settings.samu,
          others: c.settings.others,
        });
        if (rubrique === 'deny') return 'deny';
        const visible = firstMatch(PROFILE, {
          ...c,
          urgence: rubrique === 'allow-urgence',
          settingsMasked: c.settings.masked,
        });
        return visible === 'deny' ? 'deny' : rubrique;
      },
    );
    expect(count).toBe(1120 * 5 * 3 * 4 * 3);
    expect(wrong).toEqual([]);
  });

  it('a rubrique read without an entry follows the same rows (masked rubrique, unshared rubrique)', () => {
    const d = (rubrique: string, rubriqueMasked: boolean, grant: Grant) =>
      decide(
        actor(false),
        { status: 'active' },
        'profile.read',
        { type: 'profile', rubrique, rubriqueMasked },
        context({ grant }),
      );
    expect(d('vaccinations', false, 'authorized')).toMatchObject({ allow: true });
    expect(d('vaccinations', true, 'authorized')).toMatchObject({ allow: false, reason: 'masked' });
    expect(d('vaccinations', true, 'administrator')).toMatchObject({ allow: true });
    expect(d('allergies', false, 'administrator')).toMatchObject({
      allow: false,
      reason: 'rubrique_not_shared',
    });
    expect(d('mesures', false, 'none')).toMatchObject({ allow: false, reason: 'no_grant' });
  });

  it('opening an emergency window follows rows 1–3 with the requested mode and a reason', () => {
    function* combos() {
      for (const status of statuses)
        for (const grant of grants)
          for (const mode of ['samu', 'bris-de-glace'] as const)
            for (const regulator of bools)
              for (const settings of settingsCases)
                for (const reason of bools)
                  yield { status, grant, mode, regulator, settings, reason };
    }
    const { wrong } = check(
      combos(),
      (c) =>
        verdictOf(
          decide(
            actor(c.regulator),
            { status: c.status },
            'emergency.open',
            { type: 'emergency', mode: c.mode, reason: c.reason ? 'Patient inconscient' : '  ' },
            context({ grant: c.grant, settings: c.settings }),
          ),
        ),
      (c) => firstMatch(EMERGENCY, { ...c, samu: c.settings.samu, others: c.settings.others }),
    );
    expect(wrong).toEqual([]);
  });

  it('the patient side follows the actor table, invisibility included', () => {
    const roles: PersonActor['role'][] = ['titulaire', 'representant-legal', 'aidant', 'none'];
    const personActions: Action[] = [
      ...managing,
      ...professionalOnly,
      'data.read',
      'data.write',
      'document.read',
      'document.add',
      'document.edit',
      'document.delete',
      'message.read',
      'message.send',
    ];
    function* combos() {
      for (const role of roles)
        for (const status of statuses)
          for (const action of personActions)
            for (const invisible of ['none', 'until-later', 'until-earlier'] as const)
              for (const invisibleToLegal of bools)
                yield { role, status, action, invisible, invisibleToLegal };
    }
    const { wrong } = check(
      combos(),
      (c) => {
        const onDocument = documentActions.includes(c.action);
        const d = decide(
          { kind: 'person', role: c.role },
          { status: c.status },
          c.action,
          onDocument
            ? {
                type: 'document',
                document: documentOf({
                  author: 'patient',
                  invisibleUntil:
                    c.invisible === 'none' ? null : c.invisible === 'until-later' ? LATER : EARLIER,
                  invisibleToLegal: c.invisibleToLegal,
                }),
              }
            : { type: 'record' },
          { now: NOW },
        );
        return verdictOf(d);
      },
      (c) => {
        const onDocument = documentActions.includes(c.action);
        return firstMatch(PERSON, {
          ...c,
          invisibleToPatient: onDocument && c.invisible === 'until-later',
          invisibleToLegal: onDocument && c.invisibleToLegal,
        });
      },
    );
    expect(wrong).toEqual([]);
  });
});

describe('named cases of ACCESS.md', () => {
  const adminCtx = context({ grant: 'administrator', window: windowOf('samu-open') });
  it('a blocked professional is denied even inside an open SAMU window', () => {
    const d = decide(
      actor(true),
      { status: 'active' },
      'rubrique.read',
      { type: 'record' },
      context({ grant: 'blocked', window: windowOf('samu-open') }),
    );
    expect(d).toEqual({ allow: false, reason: 'blocked', mode: 'normal' });
  });
  it('an administrator inside a SAMU window reads in mode urgence', () => {
    expect(
      decide(actor(true), { status: 'active' }, 'rubrique.read', { type: 'record' }, adminCtx),
    ).toEqual({ allow: true, reason: 'emergency', mode: 'urgence' });
  });
  it('a non-régulateur asking for a SAMU window is told why', () => {
    const d = decide(
      actor(false),
      { status: 'active' },
      'emergency.open',
      { type: 'emergency', mode: 'samu', reason: 'Détresse respiratoire' },
      context({ grant: 'none' }),
    );
    expect(d).toEqual({ allow: false, reason: 'emergency_samu_not_regulator', mode: 'urgence' });
  });
  it('a professional of a profession missing from the matrix sees no document but its own', () => {
    const base = {
      professional: { id: ME, profession: 'inconnue' },
      grant: 'administrator' as const,
      mode: 'normal' as const,
      settings: { samu: true, others: true, masked: true },
      isMedecinTraitant: true,
      medecinTraitantSeesMasked: true,
      matrix: matrixOf(true),
    };
    expect(
      documentVisibleToProfessional({ ...base, document: documentOf({ author: 'patient' }) }),
    ).toBe(false);
    expect(
      documentVisibleToProfessional({ ...base, document: documentOf({ author: 'self' }) }),
    ).toBe(true);
  });
});

describe('named delegation cases (issue 13)', () => {
  const person = (role: PersonActor['role']) => ({ kind: 'person', role }) as const;
  const onRecord = (role: PersonActor['role'], action: Action) =>
    decide(person(role), { status: 'active' }, action, { type: 'record' }, { now: NOW });
  it('an aidant deletes a document but may not close, export or manage sharing', () => {
    expect(onRecord('aidant', 'document.delete').allow).toBe(true);
    for (const action of ['record.close', 'record.export', 'sharing.manage'] as const)
      expect(onRecord('aidant', action)).toEqual({
        allow: false,
        reason: 'aidant_not_allowed',
        mode: 'normal',
      });
  });
  it('a legal representative manages sharing, access and closure of the minor like a titulaire', () => {
    for (const action of ['sharing.manage', 'access.manage', 'record.close'] as const)
      expect(onRecord('representant-legal', action)).toEqual({
        allow: true,
        reason: 'representant_legal',
        mode: 'normal',
      });
  });
  it('a document invisible to legal representatives is hidden from them, not from the titulaire or an aidant', () => {
    const resource = {
      type: 'document',
      document: documentOf({ author: 'other-ps', invisibleToLegal: true }),
    } as const;
    const read = (role: PersonActor['role']) =>
      decide(person(role), { status: 'active' }, 'document.read', resource, { now: NOW });
    expect(read('representant-legal').reason).toBe('invisible_to_legal_representatives');
    expect(read('titulaire').allow).toBe(true);
    expect(read('aidant').allow).toBe(true);
  });
  it('someone whose delegation ended has no relation and gets nothing', () => {
    expect(onRecord('none', 'document.read')).toEqual({
      allow: false,
      reason: 'no_relation',
      mode: 'normal',
    });
  });
});
