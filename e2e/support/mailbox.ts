/** Where a browser test reads the mail a person receives: the outbox folder or a test SMTP inbox. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { outboxCount, waitForCode } from './outbox.ts';
import type { TestInbox } from './smtp.ts';

/** A person's mail as a test reads it. */
export interface Mailbox {
  /** How many messages arrived so far (to wait for the next one). */
  count(): number;
  /** The 6-digit code of the newest message to `to` after the first `after` messages. */
  waitForCode(to: string, options?: { after?: number; timeoutMs?: number }): Promise<string>;
  /** Subjects of every e-mail to `to`. */
  subjectsTo(to: string): Promise<string[]>;
}

/** The `.eml`/`.txt` files the server writes to `<data>/outbox` without SMTP settings. */
export function fileMailbox(dataDir: string): Mailbox {
  return {
    count: () => outboxCount(dataDir),
    waitForCode: (to, options) => waitForCode(dataDir, to, options),
    async subjectsTo(to) {
      const dir = join(dataDir, 'outbox');
      const subjects: string[] = [];
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.eml'))) {
        const mail = await simpleParser(readFileSync(join(dir, file)));
        const recipients = [mail.to]
          .flat()
          .flatMap((a) => (a ? a.value.map((v) => v.address) : []));
        if (recipients.includes(to)) subjects.push(mail.subject ?? '');
      }
      return subjects;
    },
  };
}

/** A real SMTP server the Carnet server delivers to (CARNET_SMTP_URL). */
export function smtpMailbox(inbox: TestInbox): Mailbox {
  return {
    count: () => inbox.mails.length,
    async waitForCode(to, options = {}) {
      const deadline = Date.now() + (options.timeoutMs ?? 15_000);
      for (;;) {
        const fresh = inbox.mails.slice(options.after ?? 0).reverse();
        for (const mail of fresh) {
          const recipients = [mail.to]
            .flat()
            .flatMap((a) => (a ? a.value.map((v) => v.address) : []));
          const code = recipients.includes(to)
            ? /\b(\d{6})\b/.exec(mail.text ?? '')?.[1]
            : undefined;
          if (code) return code;
        }
        if (Date.now() > deadline) throw new Error(`no code for ${to} in the inbox`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    subjectsTo: (to) => Promise.resolve(inbox.to(to).map((m) => m.subject ?? '')),
  };
}

/** A data folder (outbox files) or a mailbox. */
export const asMailbox = (source: string | Mailbox): Mailbox =>
  typeof source === 'string' ? fileMailbox(source) : source;
