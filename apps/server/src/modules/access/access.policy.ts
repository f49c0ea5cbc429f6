/**
 * ACCESS.md as one pure function. No I/O: callers load the facts (record status, grant, emergency
 * settings and window, médecin traitant, document flags, matrix) and pass them in; the decision
 * table in access.policy.test.ts is the executable copy of the spec.
 */

/** `record.status` (ACCESS.md "Facts"). */
export type RecordStatus = 'active' | 'closed' | 'pending-activation' | 'opposed';
/** `grant(ps, patient)`. */
export type Grant = 'none' | 'authorized' | 'administrator' | 'blocked';
/** Mode of an emergency window. */
export type EmergencyMode = 'samu' | 'bris-de-glace';
/** `settings.emergency` (masked ⇒ samu ∨ others). */
export interface EmergencySettings {
  samu: boolean;
  others: boolean;
  masked: boolean;
}
/** An emergency window; open while `until` (ISO-8601) is after `context.now`. */
export interface EmergencyWindow {
  mode: EmergencyMode;
  until: string;
}
/** `matrix(profession, category)`: a missing cell denies. */
export type HabilitationMatrix = Readonly<Record<string, Readonly<Record<string, boolean>>>>;

/** A health professional acting on a record. */
export interface ProfessionalActor {
  kind: 'professional';
  id: string;
  profession: string;
  isRegulator: boolean;
}
/** A person on the patient side, with the relation to this record the caller established. */
export interface PersonActor {
  kind: 'person';
  role: 'titulaire' | 'representant-legal' | 'aidant' | 'none';
}
/** Who acts. */
export type Actor = ProfessionalActor | PersonActor;

/** The record acted on. */
export interface RecordFacts {
  status: RecordStatus;
}

/** Per-document facts. */
export interface DocumentFacts {
  author: { type: 'patient' | 'professional' | 'establishment' | 'system'; id: string | null };
  category: string;
  maskedToPs: boolean;
  /** Invisible to the patient until this ISO date (null: visible). */
  invisibleToPatientUntil: string | null;
  invisibleToLegalRepresentatives: boolean;
  deleted: boolean;
}

/** A profile rubrique (issue 11), and one of its entries when the action is on an entry. */
export interface ProfileFacts {
  rubrique: string;
  /** The patient masked the whole rubrique to professionals. */
  rubriqueMasked: boolean;
  entry?: { author: { type: 'patient' | 'professional'; id: string }; masked: boolean };
}

/**
 * The profile rubriques a professional may read: PRODUCT.md names Vaccinations and Entourage et
 * volontés; issue 11 adds Mesures. Maladies, traitements, allergies… stay the patient's.
 */
export const PROFILE_RUBRIQUES_READABLE_BY_PS: ReadonlySet<string> = new Set([
  'vaccinations',
  'mesures',
  'entourage',
]);
/** The profile rubriques a professional may add to (issue 11: a vaccination or a measure). */
export const PROFILE_RUBRIQUES_WRITABLE_BY_PS: ReadonlySet<string> = new Set([
  'vaccinations',
  'mesures',
]);

/** What an action is on. */
export type Resource =
  | { type: 'record' }
  | ({ type: 'profile' } & ProfileFacts)
  | { type: 'document'; document: DocumentFacts }
  | { type: 'emergency'; mode: EmergencyMode; reason: string }
  | { type: 'traces'; ofActorId: string | null }
  | { type: 'professional'; id: string }
  /** A conversation of the messaging, by the professional who holds it. */
  | { type: 'conversation'; professionalId: string };

/** Actions of ACCESS.md, both sides. */
export type Action =
  | 'rubrique.read'
  | 'document.read'
  | 'document.add'
  | 'document.edit'
  | 'document.delete'
  | 'document.mask'
  | 'document.make_invisible'
  | 'profile.read'
  | 'profile.add'
  | 'consent.record'
  | 'professional.block'
  | 'emergency.open'
  | 'traces.read'
  | 'conversation.start'
  | 'conversation.close'
  | 'data.read'
  | 'data.write'
  | 'message.read'
  | 'message.send'
  | 'access.manage'
  | 'emergency.settings'
  | 'sharing.manage'
  | 'contact.change'
  | 'password.change'
  | 'record.close'
  | 'record.export';

/** Facts about a professional on this record, loaded fresh on every request. */
export interface ProfessionalContext {
  /** ISO-8601 time of the request. */
  now: string;
  grant: Grant;
  settings: EmergencySettings;
  window: EmergencyWindow | null;
  isMedecinTraitant: boolean;
  /** Platform setting CARNET_MEDECIN_TRAITANT_SEES_MASKED (default off, as in today's MES). */
  medecinTraitantSeesMasked: boolean;
  matrix: HabilitationMatrix;
}
/** Facts the patient side needs. */
export interface PersonContext {
  now: string;
}

/** Why a decision went the way it did (traced as a detail). */
export type DecisionReason =
  | 'record_inactive'
  | 'blocked'
  | 'emergency'
  | 'emergency_samu_not_regulator'
  | 'emergency_samu_disabled'
  | 'emergency_others_disabled'
  | 'reason_missing'
  | 'granted'
  | 'no_grant'
  | 'deleted'
  | 'matrix'
  | 'masked'
  | 'author'
  | 'not_author'
  | 'administrator'
  | 'not_administrator'
  | 'block_self'
  | 'medecin_traitant'
  | 'own_traces'
  | 'not_medecin_traitant'
  | 'not_blocked'
  | 'titulaire'
  | 'representant_legal'
  | 'aidant'
  | 'aidant_not_allowed'
  | 'invisible_to_patient'
  | 'invisible_to_legal_representatives'
  | 'no_relation'
  | 'not_allowed'
  | 'rubrique_not_shared'
  | 'not_participant'
  | 'resource_mismatch';

/** The verdict. `mode` is what a trace records: urgence inside an emergency window. */
export interface Decision {
  allow: boolean;
  reason: DecisionReason;
  mode: 'normal' | 'urgence';
}

const allow = (reason: DecisionReason, mode: Decision['mode'] = 'normal'): Decision => ({
  allow: true,
  reason,
  mode,
});
const deny = (reason: DecisionReason, mode: Decision['mode'] = 'normal'): Decision => ({
  allow: false,
  reason,
  mode,
});

/** True when the window exists and has not reached `until`. */
export function isWindowOpen(window: EmergencyWindow | null, now: string): boolean {
  return window !== null && window.until > now;
}

/** May this profession read this category? A missing cell denies. */
export function matrixAllows(matrix: HabilitationMatrix, profession: string, category: string) {
  return matrix[profession]?.[category] === true;
}

/** Row 3's test: is this emergency mode allowed for this professional under these settings? */
function emergencyVerdict(
  ps: ProfessionalActor,
  mode: EmergencyMode,
  settings: EmergencySettings,
): Decision {
  if (mode === 'samu') {
    if (!ps.isRegulator) return deny('emergency_samu_not_regulator', 'urgence');
    if (!settings.samu) return deny('emergency_samu_disabled', 'urgence');
    return allow('emergency', 'urgence');
  }
  if (!settings.others) return deny('emergency_others_disabled', 'urgence');
  return allow('emergency', 'urgence');
}

/** Reading a rubrique: ACCESS.md rows 1–5, first match wins. */
export function rubriqueAccess(
  ps: ProfessionalActor,
  record: RecordFacts,
  context: ProfessionalContext,
): Decision {
  if (record.status !== 'active') return deny('record_inactive');
  if (context.grant === 'blocked') return deny('blocked');
  if (context.window && isWindowOpen(context.window, context.now))
    return emergencyVerdict(ps, context.window.mode, context.settings);
  if (context.grant === 'authorized' || context.grant === 'administrator') return allow('granted');
  return deny('no_grant');
}

/** What decides document visibility once a rubrique read is allowed. */
export interface DocumentVisibilityInput {
  professional: Pick<ProfessionalActor, 'id' | 'profession'>;
  grant: Grant;
  mode: Decision['mode'];
  settings: EmergencySettings;
  isMedecinTraitant: boolean;
  medecinTraitantSeesMasked: boolean;
  matrix: HabilitationMatrix;
  document: Pick<DocumentFacts, 'author' | 'category' | 'maskedToPs' | 'deleted'>;
}

/** ACCESS.md "which documents": deleted, matrix (author sees its own), masked and its exceptions. */
export function documentVisibility(input: DocumentVisibilityInput): Decision {
  const { document: doc } = input;
  if (doc.deleted) return deny('deleted', input.mode);
  if (doc.author.type === 'professional' && doc.author.id === input.professional.id)
    return allow('author', input.mode);
  if (!matrixAllows(input.matrix, input.professional.profession, doc.category))
    return deny('matrix', input.mode);
  if (doc.maskedToPs && !seesMasked(input)) return deny('masked', input.mode);
  return allow(input.mode === 'urgence' ? 'emergency' : 'granted', input.mode);
}

function seesMasked(
  input: Pick<
    DocumentVisibilityInput,
    'grant' | 'mode' | 'settings' | 'isMedecinTraitant' | 'medecinTraitantSeesMasked'
  >,
): boolean {
  return (
    input.grant === 'administrator' ||
    (input.mode === 'urgence' && input.settings.masked) ||
    (input.medecinTraitantSeesMasked && input.isMedecinTraitant)
  );
}

/** Boolean form of documentVisibility, for filtering a list already allowed at rubrique level. */
export function documentVisibleToProfessional(input: DocumentVisibilityInput): boolean {
  return documentVisibility(input).allow;
}

/**
 * The same rule in a SQL-friendly shape, for lists, counts and search that filter in the database:
 * visible ⇔ not deleted ∧ (author = authorId ∨ (category ∈ categories ∧ (¬masked ∨ seesMasked))).
 */
export function documentScopeForProfessional(
  input: Omit<DocumentVisibilityInput, 'document'> & { categories: readonly string[] },
): { authorId: string; categories: string[]; seesMasked: boolean } {
  return {
    authorId: input.professional.id,
    categories: input.categories.filter((c) =>
      matrixAllows(input.matrix, input.professional.profession, c),
    ),
    seesMasked: seesMasked(input),
  };
}

/**
 * A profile rubrique or entry once a rubrique read is allowed: only the rubriques shared with
 * professionals; masking (of the rubrique or the entry) as for documents — the author sees its
 * own entries, the masked rest only as administrator, in urgence with "Documents masqués", or as
 * médecin traitant when the platform allows.
 */
export function profileVisibility(
  input: Omit<DocumentVisibilityInput, 'document' | 'matrix'> & { profile: ProfileFacts },
): Decision {
  const { profile } = input;
  if (!PROFILE_RUBRIQUES_READABLE_BY_PS.has(profile.rubrique))
    return deny('rubrique_not_shared', input.mode);
  const own =
    profile.entry?.author.type === 'professional' &&
    profile.entry.author.id === input.professional.id;
  if (own) return allow('author', input.mode);
  const masked = profile.rubriqueMasked || profile.entry?.masked === true;
  if (masked && !seesMasked(input)) return deny('masked', input.mode);
  return allow(input.mode === 'urgence' ? 'emergency' : 'granted', input.mode);
}

const isOwnDocument = (ps: ProfessionalActor, doc: DocumentFacts) =>
  doc.author.type === 'professional' && doc.author.id === ps.id;

/** Current mode of a professional for actions other than reads: urgence inside a valid window. */
function modeOf(ps: ProfessionalActor, record: RecordFacts, context: ProfessionalContext) {
  return rubriqueAccess(ps, record, context).mode;
}

function decideForProfessional(
  ps: ProfessionalActor,
  record: RecordFacts,
  action: Action,
  resource: Resource,
  context: ProfessionalContext,
): Decision {
  if (action === 'rubrique.read') return rubriqueAccess(ps, record, context);
  if (action === 'document.read') {
    if (resource.type !== 'document') return deny('resource_mismatch');
    const read = rubriqueAccess(ps, record, context);
    if (!read.allow) return read;
    return documentVisibility({
      ...context,
      professional: ps,
      mode: read.mode,
      document: resource.document,
    });
  }
  if (action === 'profile.read') {
    if (resource.type !== 'profile') return deny('resource_mismatch');
    const read = rubriqueAccess(ps, record, context);
    if (!read.allow) return read;
    return profileVisibility({ ...context, professional: ps, mode: read.mode, profile: resource });
  }
  // Issue 12 narrows ACCESS.md's "any PS not blocked": a conversation is started only with a
  // patient whose record this PS may read now (rows 1–5), so a PS without access cannot either.
  if (action === 'conversation.start') return rubriqueAccess(ps, record, context);
  if (action === 'emergency.open') {
    if (resource.type !== 'emergency') return deny('resource_mismatch');
    if (record.status !== 'active') return deny('record_inactive', 'urgence');
    if (context.grant === 'blocked') return deny('blocked', 'urgence');
    if (resource.reason.trim() === '') return deny('reason_missing', 'urgence');
    return emergencyVerdict(ps, resource.mode, context.settings);
  }
  // Every other action: an inactive record or a block stops everything (ACCESS.md rows 1–2).
  if (record.status !== 'active') return deny('record_inactive');
  if (context.grant === 'blocked') return deny('blocked');
  const mode = modeOf(ps, record, context);
  switch (action) {
    case 'consent.record':
    case 'document.add':
      return allow('not_blocked', mode);
    case 'profile.add':
      // Feeding the record does not need the read grant, as for documents (ACCESS.md).
      if (resource.type !== 'profile') return deny('resource_mismatch', mode);
      return PROFILE_RUBRIQUES_WRITABLE_BY_PS.has(resource.rubrique)
        ? allow('not_blocked', mode)
        : deny('rubrique_not_shared', mode);
    case 'message.read':
    case 'message.send':
    case 'conversation.close':
      // Its own conversations only, on an active record that did not block it.
      if (resource.type !== 'conversation') return deny('resource_mismatch', mode);
      return resource.professionalId === ps.id
        ? allow('not_blocked', mode)
        : deny('not_participant', mode);
    case 'document.edit':
    case 'document.delete':
    case 'document.mask':
    case 'document.make_invisible':
      if (resource.type !== 'document') return deny('resource_mismatch', mode);
      if (resource.document.deleted) return deny('deleted', mode);
      return isOwnDocument(ps, resource.document)
        ? allow('author', mode)
        : deny('not_author', mode);
    case 'professional.block':
      if (resource.type !== 'professional') return deny('resource_mismatch', mode);
      if (resource.id === ps.id) return deny('block_self', mode);
      return context.grant === 'administrator'
        ? allow('administrator', mode)
        : deny('not_administrator', mode);
    case 'traces.read':
      if (resource.type !== 'traces') return deny('resource_mismatch', mode);
      if (context.isMedecinTraitant) return allow('medecin_traitant', mode);
      return resource.ofActorId === ps.id
        ? allow('own_traces', mode)
        : deny('not_medecin_traitant', mode);
    default:
      return deny('not_allowed', mode);
  }
}

/**
 * What an aidant may do (ACCESS.md "Patient side", issue 13: read/add/edit/delete documents and
 * profile entries, messages); never sharing, grants, blocks, emergency settings, contact data,
 * identifiant, password, closure, export or the traces.
 */
const aidantActions: ReadonlySet<Action> = new Set<Action>([
  'data.read',
  'data.write',
  'document.read',
  'document.add',
  'document.edit',
  'document.delete',
  'message.read',
  'message.send',
]);

/** Actions only a professional can take. */
const professionalOnly: ReadonlySet<Action> = new Set<Action>([
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
]);

function decideForPerson(
  person: PersonActor,
  record: RecordFacts,
  action: Action,
  resource: Resource,
  context: PersonContext,
): Decision {
  if (record.status !== 'active') return deny('record_inactive');
  if (person.role === 'none') return deny('no_relation');
  if (professionalOnly.has(action)) return deny('not_allowed');
  if (person.role === 'aidant' && !aidantActions.has(action)) return deny('aidant_not_allowed');
  if (resource.type === 'document') {
    const until = resource.document.invisibleToPatientUntil;
    if (until !== null && until > context.now) return deny('invisible_to_patient');
    if (person.role === 'representant-legal' && resource.document.invisibleToLegalRepresentatives)
      return deny('invisible_to_legal_representatives');
  }
  if (person.role === 'titulaire') return allow('titulaire');
  return allow(person.role === 'aidant' ? 'aidant' : 'representant_legal');
}

/** The one decision (ACCESS.md): `decide(actor, record, action, resource, context)`. */
export function decide(
  actor: ProfessionalActor,
  record: RecordFacts,
  action: Action,
  resource: Resource,
  context: ProfessionalContext,
): Decision;
/** The one decision for the patient side. */
export function decide(
  actor: PersonActor,
  record: RecordFacts,
  action: Action,
  resource: Resource,
  context: PersonContext,
): Decision;
export function decide(
  actor: Actor,
  record: RecordFacts,
  action: Action,
  resource: Resource,
  context: ProfessionalContext | PersonContext,
): Decision {
  if (actor.kind === 'person') return decideForPerson(actor, record, action, resource, context);
  if (!('grant' in context)) return deny('resource_mismatch');
  return decideForProfessional(actor, record, action, resource, context);
}
