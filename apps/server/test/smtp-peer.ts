/**
 * A real SMTP server in the test process (smtp-server on 127.0.0.1): every mail it accepts is parsed
 * with a MIME parser into `inbox`. It can be stopped and started again on the same port to play an
 * SMTP outage (SECURITY.md "Durability": an outage delays mail and loses none).
 */
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A running SMTP peer. */
export interface SmtpPeer {
  port: number;
  close(): Promise<void>;
}

/** Starts the peer; `delayMs` holds each reply, `onData` runs as each mail starts arriving. */
export async function startSmtp(options: {
  inbox: ParsedMail[];
  port?: number;
  delayMs?: number;
  onData?: () => void;
}): Promise<SmtpPeer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      options.onData?.();
      simpleParser(stream).then(
        async (mail) => {
          if (options.delayMs) await sleep(options.delayMs);
          options.inbox.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
