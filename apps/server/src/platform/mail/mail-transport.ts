/**
 * Where e-mails leave the server: an SMTP relay, or `.eml` files when no relay is configured.
 * Called only by the outbox worker, never by modules (they enqueue in their transaction).
 */
import nodemailer from 'nodemailer';
import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import type { InfoLogger } from './outbox-file.ts';
import { outboxFileName, writeOutboxFile } from './outbox-file.ts';
import type { EmailMessage } from './outbox.ts';

/** Per-send facts: the outbox row id names the file and the Message-ID, so a resend is recognisable. */
export interface SendOptions {
  id?: string;
}

/** Sends one e-mail; resolves once the relay (or the disk) has accepted it, throws otherwise. */
export interface MailTransport {
  send(msg: EmailMessage, options?: SendOptions): Promise<void>;
}

// Bounded well under the worker's lease, so a stuck relay cannot outlive the claim on its row.
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/** Sends through SMTP (`smtp://user:pass@host:587`, `smtps://…`), with text and HTML parts. */
export function createSmtpTransport(deps: { url: string; from: string }): MailTransport {
  const transporter = nodemailer.createTransport({ url: deps.url, ...SMTP_TIMEOUTS });
  return {
    async send(msg, options) {
      await transporter.sendMail(toMailOptions(msg, deps.from, options?.id));
    },
  };
}

/** Writes each e-mail as an RFC 5322 `.eml` file in `dir` and logs its path (never its content). */
export function createFileMailTransport(deps: {
  dir: string;
  from: string;
  logger: InfoLogger;
  clock?: Clock;
}): MailTransport {
  const clock = deps.clock ?? systemClock;
  // RFC 5322 §2.1: lines end with CRLF.
  const composer = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  });
  return {
    async send(msg, options) {
      const now = clock.now();
      const info = await composer.sendMail({
        ...toMailOptions(msg, deps.from, options?.id),
        date: now,
      });
      if (!Buffer.isBuffer(info.message)) throw new Error('mail composer returned a stream');
      const path = await writeOutboxFile(
        deps.dir,
        outboxFileName(now, options?.id, 'eml'),
        info.message,
      );
      deps.logger.info(`mail written to outbox ${path}`);
    },
  };
}

function toMailOptions(msg: EmailMessage, from: string, id: string | undefined) {
  return {
    from,
    to: msg.to,
    subject: msg.subject,
    text: msg.text,
    html: msg.html,
    ...(id ? { messageId: `<${id}@${senderDomain(from)}>` } : {}),
  };
}

/** The domain of the sender address, for Message-IDs (RFC 5322 §3.6.4: `<left@domain>`). */
function senderDomain(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'carnet.localhost';
}
