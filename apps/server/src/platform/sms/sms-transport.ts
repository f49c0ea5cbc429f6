/**
 * Where SMS leave the server: an HTTP gateway (POST JSON `{ to, text }`), or `.txt` files when no
 * gateway is configured. Called only by the outbox worker.
 */
import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import type { InfoLogger } from '../mail/outbox-file.ts';
import { outboxFileName, writeOutboxFile } from '../mail/outbox-file.ts';
import type { SmsMessage } from '../mail/outbox.ts';

/** Per-send facts: the outbox row id names the file and travels as an idempotency key. */
export interface SmsSendOptions {
  id?: string;
}

/** Sends one SMS; resolves once the gateway (or the disk) has accepted it, throws otherwise. */
export interface SmsTransport {
  send(msg: SmsMessage, options?: SmsSendOptions): Promise<void>;
}

/** The gateway answered with a non-2xx status; `code` is `HTTP_<status>` (no body: it may echo the text). */
export class SmsGatewayError extends Error {
  override readonly name = 'SmsGatewayError';
  readonly code: string;
  constructor(readonly status: number) {
    super(`SMS gateway answered HTTP ${status}`);
    this.code = `HTTP_${status}`;
  }
}

/** POSTs `{ to, text }` as JSON to the gateway; credentials in the URL become Basic auth. */
export function createHttpSmsTransport(deps: {
  url: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}): SmsTransport {
  const doFetch = deps.fetch ?? fetch;
  // fetch refuses URLs with credentials: move them to the Authorization header.
  const target = new URL(deps.url);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (target.username || target.password) {
    const user = decodeURIComponent(target.username);
    const pass = decodeURIComponent(target.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    target.username = '';
    target.password = '';
  }
  const url = target.toString();
  return {
    async send(msg, options) {
      const response = await doFetch(url, {
        method: 'POST',
        headers: options?.id ? { ...headers, 'idempotency-key': options.id } : headers,
        body: JSON.stringify({ to: msg.to, text: msg.text }),
        // Bounded well under the worker's lease on the row.
        signal: AbortSignal.timeout(deps.timeoutMs ?? 30_000),
      });
      // Drain the body so the connection can be reused; its content is not needed.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new SmsGatewayError(response.status);
    },
  };
}

/** Writes each SMS as a `.txt` file in `dir` (a `To:` line, a blank line, the text) and logs its path. */
export function createFileSmsTransport(deps: {
  dir: string;
  logger: InfoLogger;
  clock?: Clock;
}): SmsTransport {
  const clock = deps.clock ?? systemClock;
  return {
    async send(msg, options) {
      const name = outboxFileName(clock.now(), options?.id, 'txt');
      const path = await writeOutboxFile(deps.dir, name, `To: ${msg.to}\n\n${msg.text}\n`);
      deps.logger.info(`sms written to outbox ${path}`);
    },
  };
}
