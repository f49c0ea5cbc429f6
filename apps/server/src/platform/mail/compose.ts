/** Builds short French e-mails with escaped HTML; no health data ever goes in (SECURITY.md). */
import type { EmailMessage } from './outbox.ts';

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An e-mail from a subject, paragraphs of plain text and an optional link. */
export function composeEmail(input: {
  to: string;
  subject: string;
  paragraphs: string[];
  link?: { label: string; url: string };
}): EmailMessage {
  const lines = [
    ...input.paragraphs,
    ...(input.link ? [`${input.link.label} : ${input.link.url}`] : []),
    '',
    'L’équipe Carnet',
  ];
  const html = [
    ...input.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(input.link
      ? [`<p><a href="${escapeHtml(input.link.url)}">${escapeHtml(input.link.label)}</a></p>`]
      : []),
    '<p>L’équipe Carnet</p>',
  ].join('\n');
  return { channel: 'email', to: input.to, subject: input.subject, text: lines.join('\n'), html };
}
