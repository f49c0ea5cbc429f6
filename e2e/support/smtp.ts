/** A real SMTP server in the test process: the person's inbox, read back with a MIME parser. */
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A running inbox. */
export interface TestInbox {
  url: string;
  mails: ParsedMail[];
  /** Mails whose recipients include `to`. */
  to(address: string): ParsedMail[];
  close(): Promise<void>;
}

/** Starts an SMTP server on a free loopback port that keeps every mail it receives. */
export async function startInbox(): Promise<TestInbox> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    to: (addr) =>
      mails.filter((m) => [m.to].flat().some((a) => a?.value.some((v) => v.address === addr))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
