/** Wires the outbox worker to SMTP or to files in the data folder, per configuration. */
import type { AppDeps } from '../deps.ts';
import { createFileMailTransport, createSmtpTransport } from '../platform/mail/mail-transport.ts';
import { createOutboxWorker } from '../platform/mail/outbox-worker.ts';
import { createFileSmsTransport, createHttpSmsTransport } from '../platform/sms/sms-transport.ts';

/** Minimal logger the worker and file transports write to. */
interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

/** Builds and starts the worker; returns it so the caller can stop it. */
export function startOutboxWorker(deps: AppDeps, logger: Logger, outboxDir: string) {
  const { config } = deps;
  const mail = config.smtpUrl
    ? createSmtpTransport({ url: config.smtpUrl, from: config.mailFrom })
    : createFileMailTransport({ dir: outboxDir, from: config.mailFrom, logger });
  const sms = config.smsGatewayUrl
    ? createHttpSmsTransport({ url: config.smsGatewayUrl })
    : createFileSmsTransport({ dir: outboxDir, logger });
  const worker = createOutboxWorker({
    db: deps.database.db,
    clock: deps.clock,
    sealKey: deps.keyring.deriveKey('carnet/outbox'),
    mail,
    sms,
    logger,
  });
  worker.start({ intervalMs: 500 });
  return worker;
}
