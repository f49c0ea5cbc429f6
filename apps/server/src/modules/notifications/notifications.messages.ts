/**
 * The notification e-mails (PRODUCT.md "Notifications e-mail"): French, short, no health data —
 * never a document title, a category, a specialty, a professional's name or an emergency reason —
 * and a link to the page concerned. Names are escaped by composeEmail.
 */
import { composeEmail } from '../../platform/mail/compose.ts';
import type { EmailMessage } from '../../platform/mail/outbox.ts';

/** The pages the e-mails link to, relative to the public URL. */
export const notificationLinks = {
  history: '/parametres/historique-activite',
  documents: '/documents',
  messages: '/messages',
  personalInfo: '/parametres/informations-personnelles',
  preferences: '/parametres/notifications-email',
  signIn: '/connexion',
  professionalSpace: '/pro',
} as const;

const day = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short' });
const time = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', timeStyle: 'short' });
/** "le 27/11/2026 à 10:00" in France's time. */
const when = (at: Date): string => `le ${day.format(at)} à ${time.format(at)}`;

/** Who receives a mail: an address, the first name to greet, the public URL for links. */
export interface Recipient {
  to: string;
  firstName: string | null;
  publicUrl: string;
}

const hello = (r: Recipient) => (r.firstName ? `Bonjour ${r.firstName},` : 'Bonjour,');
const link = (r: Recipient, label: string, path: string) => ({
  label,
  url: `${r.publicUrl}${path}`,
});
const switchable =
  'Vous pouvez choisir les notifications que vous recevez dans Paramètres › Notifications e-mail.';

/** First access of a professional to the record today (always sent, at most once per PS per day). */
export function professionalAccessMessage(r: Recipient, at: Date): EmailMessage {
  return composeEmail({
    to: r.to,
    subject: 'Un professionnel de santé a consulté votre profil',
    paragraphs: [
      hello(r),
      `Un professionnel de santé a consulté votre profil Carnet ${when(at)}.`,
      'Vous recevez au plus un message par professionnel et par jour. Le détail des accès figure dans votre historique d’activité.',
    ],
    link: link(r, 'Voir mon historique d’activité', notificationLinks.history),
  });
}

/** An emergency access to the record, for its titulaire (always sent). */
export function emergencyAccessMessage(
  r: Recipient,
  input: { at: Date; mode: 'samu' | 'bris-de-glace' },
): EmailMessage {
  const who =
    input.mode === 'samu'
      ? 'par un médecin régulateur du SAMU'
      : 'par un professionnel de santé, en mode « bris de glace »';
  return composeEmail({
    to: r.to,
    subject: 'Accès en urgence à votre profil',
    paragraphs: [
      hello(r),
      `Un accès en urgence à votre profil Carnet a été ouvert ${when(input.at)} ${who}.`,
      'Le motif indiqué et les consultations effectuées figurent dans votre historique d’activité.',
      'Vous pouvez modifier les accès en cas d’urgence dans Paramètres › Confidentialité.',
    ],
    link: link(r, 'Voir mon historique d’activité', notificationLinks.history),
  });
}

/** An emergency access to a patient's record, for their médecin traitant (always sent; no name). */
export function emergencyAccessForDoctorMessage(r: Recipient, at: Date): EmailMessage {
  return composeEmail({
    to: r.to,
    subject: 'Accès en urgence au profil d’un de vos patients',
    paragraphs: [
      'Bonjour,',
      `Un accès en urgence a été ouvert ${when(at)} sur le profil Carnet d’un patient dont vous êtes le médecin traitant.`,
      'Connectez-vous à votre espace professionnel pour en consulter la trace.',
    ],
    link: link(r, 'Accéder à mon espace professionnel', notificationLinks.professionalSpace),
  });
}

/** A document added or changed by a professional (switchable). */
export function documentByProfessionalMessage(
  r: Recipient,
  change: 'added' | 'changed',
): EmailMessage {
  return composeEmail({
    to: r.to,
    subject:
      change === 'added'
        ? 'Un nouveau document dans votre profil'
        : 'Un document de votre profil a été modifié',
    paragraphs: [
      hello(r),
      change === 'added'
        ? 'Un professionnel de santé a ajouté un document à votre profil Carnet.'
        : 'Un professionnel de santé a modifié un document de votre profil Carnet.',
      switchable,
    ],
    link: link(r, 'Voir mes documents', notificationLinks.documents),
  });
}

/**
 * A document a PS made invisible pending an announcement consultation has waited 2 weeks (PRODUCT.md
 * "Invisible au patient"): the patient is told it exists and when it opens, never what it is.
 */
export function documentAwaitingMessage(r: Recipient, visibleFrom: Date): EmailMessage {
  return composeEmail({
    to: r.to,
    subject: 'Un document vous attend dans votre profil',
    paragraphs: [
      hello(r),
      'Un professionnel de santé a déposé un document dans votre profil Carnet. Il souhaite vous en parler lors d’un prochain échange avant que vous puissiez le consulter.',
      `Ce document deviendra visible dans vos documents au plus tard le ${day.format(visibleFrom)}.`,
    ],
    link: link(r, 'Voir mes documents', notificationLinks.documents),
  });
}

/** A message received in the secure messaging (switchable). */
export function messageReceivedMessage(r: Recipient): EmailMessage {
  return composeEmail({
    to: r.to,
    subject: 'Vous avez reçu un message',
    paragraphs: [
      hello(r),
      'Vous avez reçu un nouveau message dans votre messagerie Carnet.',
      switchable,
    ],
    link: link(r, 'Lire mes messages', notificationLinks.messages),
  });
}

/** A reminder is due (vaccination, examination; switchable). What it is for stays in Carnet. */
export function reminderMessage(r: Recipient): EmailMessage {
  return composeEmail({
    to: r.to,
    subject: 'Vous avez un rappel',
    paragraphs: [hello(r), 'Un rappel de votre profil Carnet arrive à échéance.', switchable],
    link: link(r, 'Accéder à Carnet', '/'),
  });
}

/** A sign-in from a device not seen before (always sent). */
export function newDeviceMessage(r: Recipient, input: { at: Date; device: string }): EmailMessage {
  return composeEmail({
    to: r.to,
    subject: 'Nouvelle connexion à votre compte Carnet',
    paragraphs: [
      hello(r),
      `Une connexion à votre compte a eu lieu ${when(input.at)} depuis un nouvel appareil (${input.device}).`,
      'Si ce n’est pas vous, changez votre mot de passe et déconnectez cet appareil.',
    ],
    link: link(r, 'Gérer mes appareils connectés', notificationLinks.personalInfo),
  });
}

/** Password, e-mail or mobile changed (always sent; to the old address for an e-mail change). */
export function credentialChangedMessage(
  r: Recipient,
  change: 'password' | 'email' | 'mobile',
): EmailMessage {
  const what = {
    password: 'Le mot de passe de votre compte Carnet a été modifié.',
    email: 'L’adresse e-mail de votre compte Carnet a été modifiée.',
    mobile: 'Le numéro de téléphone mobile de votre compte Carnet a été modifié.',
  }[change];
  return composeEmail({
    to: r.to,
    subject: 'Modification de votre compte Carnet',
    paragraphs: [
      hello(r),
      what,
      'Si vous n’êtes pas à l’origine de cette modification, changez votre mot de passe et contactez le support.',
    ],
    link: link(r, 'Accéder à mes informations personnelles', notificationLinks.personalInfo),
  });
}

/** The record was closed (always sent). */
export function closureMessage(r: Recipient, at: Date): EmailMessage {
  return composeEmail({
    to: r.to,
    subject: 'Votre profil Carnet a été clôturé',
    paragraphs: [
      hello(r),
      `Votre profil Carnet a été clôturé ${when(at)}. Plus personne n’y a accès.`,
      'Pour le réactiver, contactez votre organisme d’assurance maladie : il vous enverra un nouveau code provisoire, et vos documents et votre historique seront restaurés. Si vous avez demandé la suppression de vos données, elle sera effectuée dans 3 mois au plus, sauf réactivation d’ici là.',
    ],
    link: link(r, 'Me connecter', notificationLinks.signIn),
  });
}
