/**
 * Plain French for the lines of Historique d'activité (PRODUCT.md): what an action code means,
 * what its target is. Unknown codes fall back on their verb, then on a generic sentence, so a new
 * action in another module never shows a raw code to the patient.
 */

/** The label of each known action, by outcome when it changes the sentence. */
const actionLabels: Record<string, string> = {
  'auth.sign_in': 'Connexion',
  'auth.sign_out': 'Déconnexion',
  'session.end': 'Déconnexion d’un appareil',
  'patient.create': 'Création du profil',
  'account.activate': 'Activation du profil',
  'account.oppose': 'Opposition à la création du profil',
  'account.password_change': 'Modification du mot de passe',
  'account.password_reset': 'Réinitialisation du mot de passe',
  'account.identifiant_reminder': 'Envoi de l’identifiant',
  'account.contact_change': 'Modification des coordonnées',
  'account.close': 'Clôture du profil',
  'account.reopen': 'Réactivation du profil',
  'document.read': 'Consultation du document',
  'document.download': 'Téléchargement du document',
  'document.list': 'Consultation de la liste des documents',
  'document.search': 'Recherche dans les documents',
  'document.add': 'Ajout du document',
  'document.update': 'Modification du document',
  'document.edit': 'Modification du document',
  'document.replace': 'Nouvelle version du document',
  'document.delete': 'Suppression du document',
  'document.restore': 'Restauration du document',
  'document.mask': 'Masquage du document aux professionnels',
  'document.unmask': 'Document rendu visible aux professionnels',
  'document.hide_from_patient': 'Document rendu invisible pour le patient',
  'document.move': 'Classement du document',
  'document.pin': 'Document épinglé',
  'document.report': 'Signalement du document',
  'document.settings_update': 'Modification du masquage par défaut',
  'document.unpin': 'Document désépinglé',
  'folder.create': 'Création d’un dossier',
  'folder.rename': 'Renommage d’un dossier',
  'folder.delete': 'Suppression d’un dossier',
  'rubrique.read': 'Consultation',
  'record.read': 'Consultation du profil',
  'access.consent': 'Autorisation d’accès donnée au professionnel',
  'access.grant': 'Autorisation d’accès donnée au professionnel',
  'access.block': 'Blocage d’un professionnel',
  'access.unblock': 'Déblocage d’un professionnel',
  'access.administrator_grant': 'Attribution du statut administrateur',
  'access.administrator_revoke': 'Retrait du statut administrateur',
  'access.medecin_traitant_declare': 'Déclaration du médecin traitant',
  'access.grant_import': 'Reprise des autorisations d’accès',
  'record.search': 'Recherche du profil',
  'access.emergency_settings': 'Modification des accès en cas d’urgence',
  'access.denied': 'Tentative d’accès refusée',
  'history.read': 'Consultation de l’historique d’activité',
  'history.export': 'Export de l’historique d’activité',
  'notification.preferences_change': 'Modification des notifications e-mail',
  'message.send': 'Message envoyé',
  'delegation.invite': 'Invitation à partager le profil',
  'delegation.accept': 'Acceptation du partage du profil',
  'delegation.refuse': 'Refus du partage du profil',
  'delegation.revoke': 'Fin d’un partage du profil',
  'delegation.attach': 'Rattachement du profil à un représentant légal',
  'delegation.activate_child': 'Activation du profil par le représentant légal',
  'delegation.majority': 'Détachement du profil à la majorité',
  'profile.switch': 'Tentative d’accès à un profil',
  'profile.act': 'Tentative d’accès à un profil',
  'message.read': 'Lecture d’un message',
  'message.attachment_download': 'Téléchargement d’une pièce jointe',
  'message.attachment_save': 'Pièce jointe enregistrée dans les documents',
  'conversation.archive': 'Conversation archivée',
  'conversation.unarchive': 'Conversation remise dans la boîte de réception',
  'conversation.delete': 'Conversation supprimée',
  'conversation.start': 'Début d’une conversation',
  'conversation.close': 'Fin d’une conversation',
  'export.request': 'Demande de téléchargement de mes données',
  'export.download': 'Téléchargement de mes données',
  'account.reactivation_start': 'Envoi d’un code de réactivation du profil',
  'patient.erase': 'Suppression des données du profil',
  'opposition.attestation_download': 'Téléchargement de l’attestation d’opposition',
  'profile.read': 'Consultation du profil médical',
  'profile.add': 'Ajout au profil médical',
  'profile.update': 'Modification du profil médical',
  'profile.delete': 'Suppression d’une information du profil médical',
  'profile.mask': 'Masquage d’une information du profil médical',
  'profile.unmask': 'Information du profil médical rendue visible',
  'profile.rubrique_settings': 'Modification d’une rubrique du profil médical',
  'profile.target_set': 'Modification d’un objectif de mesure',
  'profile.synthese_download': 'Téléchargement de la synthèse du profil médical',
  'profile.export': 'Export de la synthèse du profil médical (FHIR)',
};

/** Profile rubriques (issue 11) by code: "Consultation du profil médical – Vaccinations". */
const profileRubriqueLabels: Record<string, string> = {
  maladies: 'Maladies et sujets de santé',
  traitements: 'Traitements',
  allergies: 'Allergies',
  hospitalisations: 'Hospitalisations',
  handicaps: 'Handicaps',
  'antecedents-familiaux': 'Antécédents familiaux',
  'groupe-sanguin': 'Groupe sanguin',
  vaccinations: 'Vaccinations',
  mesures: 'Mesures',
  entourage: 'Entourage et volontés',
};

/** Emergency windows (ACCESS.md row 3): the mode names who opened it. */
const emergencyLabels: Record<string, string> = {
  samu: 'Accès en urgence (SAMU)',
  'bris-de-glace': 'Accès en urgence (bris de glace)',
};

const verbLabels: Record<string, string> = {
  read: 'Consultation',
  list: 'Consultation',
  download: 'Téléchargement',
  add: 'Ajout',
  create: 'Création',
  update: 'Modification',
  edit: 'Modification',
  change: 'Modification',
  delete: 'Suppression',
  block: 'Blocage',
  unblock: 'Déblocage',
  export: 'Export',
};

/** Facts of a trace the labels read: its code, outcome, and the small details it carries. */
export interface LabelFacts {
  action: string;
  outcome: 'success' | 'denied' | 'failure';
  details: Record<string, unknown>;
  /** Who acted, as the line names them: "Message envoyé par Ndiaye Adama". */
  actorName?: string | undefined;
}

/** Action codes that open an emergency window; the lead's access module uses the first. */
export const emergencyOpenActions = new Set([
  'access.emergency_open',
  'emergency.open',
  'access.emergency',
]);

/** The emergency mode (`samu` | `bris-de-glace`) of a trace that opens an emergency window. */
export function emergencyModeOf(facts: Pick<LabelFacts, 'action' | 'details'>): string | undefined {
  if (!emergencyOpenActions.has(facts.action)) return undefined;
  const mode = facts.details.emergencyMode ?? facts.details.mode;
  return typeof mode === 'string' && mode in emergencyLabels ? mode : 'bris-de-glace';
}

/** The French sentence of an action ("Consultation du document", "Accès en urgence (SAMU)"). */
export function actionLabel(facts: LabelFacts): string {
  const emergency = emergencyModeOf(facts);
  let label: string;
  if (emergency) label = emergencyLabels[emergency]!;
  else if (facts.action === 'account.contact_change' && facts.details.kind === 'email')
    label = 'Modification de l’adresse e-mail';
  else if (facts.action === 'account.contact_change' && facts.details.kind === 'mobile')
    label = 'Modification du numéro de téléphone mobile';
  else if (facts.action === 'message.send' && facts.actorName)
    label = `Message envoyé par ${facts.actorName}`;
  else if (facts.action === 'auth.sign_in' && facts.outcome !== 'success')
    return 'Tentative de connexion échouée';
  else label = actionLabels[facts.action] ?? fallbackLabel(facts.action);
  const rubrique = facts.details.rubrique;
  if (facts.action.startsWith('profile.') && typeof rubrique === 'string')
    label = `${label} – ${profileRubriqueLabels[rubrique] ?? 'Profil médical'}`;
  if (facts.outcome === 'denied') return `${label} (refusé)`;
  if (facts.outcome === 'failure') return `${label} (échec)`;
  return label;
}

function fallbackLabel(action: string): string {
  const verb = action.split('.').at(-1) ?? '';
  return verbLabels[verb] ?? 'Action sur le profil';
}

/** Rubriques a professional reads (ACCESS.md "reading a rubrique"), by target id. */
const rubriqueLabels: Record<string, string> = {
  documents: 'Documents',
  vaccinations: 'Vaccinations',
  'historique-de-soins': 'Historique de soins',
  'entourage-et-volontes': 'Entourage et volontés',
  entourage: 'Entourage et volontés',
  'profil-medical': 'Profil médical',
  historique: 'Historique d’activité',
  messages: 'Messagerie',
  ...profileRubriqueLabels,
};

/** A target already resolved to what it names (a document's title, a professional's name). */
export interface TargetFacts {
  type: string | null;
  id: string | null;
  /** The document's title or the professional's name, when looked up. */
  name?: string | undefined;
}

/** "Sur quoi": the document or rubrique in French, or null when the action has no object to show. */
export function targetLabel(target: TargetFacts): string | null {
  if (!target.type) return null;
  switch (target.type) {
    case 'document':
      return target.name ?? 'Un document';
    case 'folder':
      return 'Un dossier de documents';
    case 'rubrique':
      return (target.id && rubriqueLabels[target.id]) ?? 'Une rubrique du profil';
    case 'professional':
      return target.name ?? 'Un professionnel de santé';
    case 'record':
    case 'patient':
      return 'Le profil';
    case 'conversation':
    case 'message':
      return 'La messagerie';
    case 'session':
      return null;
    default:
      return null;
  }
}
