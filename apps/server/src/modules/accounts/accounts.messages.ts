/** The e-mails and SMS of the accounts module: short, French, no health data. */
import { composeEmail } from '../../platform/mail/compose.ts';
import type { OutboxMessage } from '../../platform/mail/outbox.ts';

/** A one-time code, by e-mail or SMS. */
export function codeMessage(input: {
  channel: 'email' | 'sms';
  to: string;
  code: string;
  purpose: 'sign-in' | 'password-reset' | 'contact-change';
}): OutboxMessage {
  const what = {
    'sign-in': 'vous connecter',
    'password-reset': 'réinitialiser votre mot de passe',
    'contact-change': 'confirmer vos coordonnées',
  }[input.purpose];
  const text = `Carnet : votre code à usage unique pour ${what} est ${input.code}. Il est valable 10 minutes. Ne le communiquez à personne.`;
  if (input.channel === 'sms') return { channel: 'sms', to: input.to, text };
  return composeEmail({
    to: input.to,
    subject: 'Votre code d’accès Carnet',
    paragraphs: [
      'Bonjour,',
      text,
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.',
    ],
  });
}

/** The activation code sent when the operator creates a profile. */
export function activationMessage(input: {
  channel: 'email' | 'sms';
  to: string;
  code: string;
  publicUrl: string;
}): OutboxMessage {
  const text = `Votre profil Carnet a été créé. Code provisoire : ${input.code} (valable 6 semaines). Activez votre profil ou opposez-vous à sa création sur ${input.publicUrl}/activation`;
  if (input.channel === 'sms') return { channel: 'sms', to: input.to, text };
  return composeEmail({
    to: input.to,
    subject: 'Activez votre profil Carnet',
    paragraphs: [
      'Bonjour,',
      'Votre profil Carnet a été créé.',
      `Votre code provisoire est : ${input.code}. Il est valable 6 semaines et ne sert qu’une fois.`,
      'Vous pouvez activer votre profil, ou vous opposer à sa création, pendant ces 6 semaines.',
    ],
    link: { label: 'Activer mon profil', url: `${input.publicUrl}/activation` },
  });
}

/** The new code provisoire of a closed profile the operator reactivates (issue 14). */
export function reactivationMessage(input: {
  channel: 'email' | 'sms';
  to: string;
  code: string;
  publicUrl: string;
}): OutboxMessage {
  const text = `Carnet : la réactivation de votre profil a été demandée. Code provisoire : ${input.code} (valable 6 semaines). Réactivez votre profil sur ${input.publicUrl}/activation`;
  if (input.channel === 'sms') return { channel: 'sms', to: input.to, text };
  return composeEmail({
    to: input.to,
    subject: 'Réactivation de votre profil Carnet',
    paragraphs: [
      'Bonjour,',
      'La réactivation de votre profil Carnet, clôturé, a été demandée auprès de votre organisme d’assurance maladie.',
      `Votre code provisoire est : ${input.code}. Il est valable 6 semaines et ne sert qu’une fois.`,
      'En activant à nouveau votre profil avec ce code, vous retrouvez vos documents et votre historique ; une demande de suppression de vos données en attente est annulée.',
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre profil reste clôturé.',
    ],
    link: { label: 'Réactiver mon profil', url: `${input.publicUrl}/activation` },
  });
}

/** The forgotten identifiant. */
export function identifiantMessage(input: {
  channel: 'email' | 'sms';
  to: string;
  identifiant: string;
  publicUrl: string;
}): OutboxMessage {
  const text = `Carnet : votre identifiant est ${input.identifiant}.`;
  if (input.channel === 'sms') return { channel: 'sms', to: input.to, text };
  return composeEmail({
    to: input.to,
    subject: 'Votre identifiant Carnet',
    paragraphs: ['Bonjour,', text],
    link: { label: 'Me connecter', url: `${input.publicUrl}/connexion` },
  });
}

/** A security notice: password or contact data changed (always sent, SECURITY.md). */
export function securityNoticeMessage(input: {
  to: string;
  change: 'password' | 'email' | 'mobile';
  publicUrl: string;
}): OutboxMessage {
  const what = {
    password: 'Votre mot de passe a été modifié.',
    email: 'Votre adresse e-mail a été modifiée.',
    mobile: 'Votre numéro de téléphone mobile a été modifié.',
  }[input.change];
  return composeEmail({
    to: input.to,
    subject: 'Modification de votre compte Carnet',
    paragraphs: [
      'Bonjour,',
      what,
      'Si vous n’êtes pas à l’origine de cette modification, changez votre mot de passe et contactez le support.',
    ],
    link: { label: 'Accéder à Carnet', url: `${input.publicUrl}/connexion` },
  });
}
