import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { createManualClock } from '../clock.ts';
import type { SmsMessage } from '../mail/outbox.ts';
import {
  SmsGatewayError,
  createFileSmsTransport,
  createHttpSmsTransport,
} from './sms-transport.ts';

const sms: SmsMessage = {
  channel: 'sms',
  to: '+33612345678',
  text: 'Carnet : votre code est 482913.',
};

interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A local stand-in for the SMS gateway: a real HTTP server answering `status`. */
async function startGateway(status: number) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(`echo ${body}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { received, port: (server.address() as AddressInfo).port };
}

test('the HTTP transport posts { to, text } as JSON to the gateway', async () => {
  const gateway = await startGateway(200);

  await createHttpSmsTransport({ url: `http://127.0.0.1:${gateway.port}/send` }).send(sms, {
    id: 'out_1',
  });

  expect(gateway.received).toHaveLength(1);
  const [request] = gateway.received;
  expect(request).toMatchObject({ method: 'POST', url: '/send' });
  expect(request!.headers['content-type']).toBe('application/json');
  expect(request!.headers['idempotency-key']).toBe('out_1');
  expect(JSON.parse(request!.body)).toEqual({
    to: '+33612345678',
    text: 'Carnet : votre code est 482913.',
  });
});

test('a non-2xx answer is an error that carries the status and not the echoed text', async () => {
  const gateway = await startGateway(502);

  const sending = createHttpSmsTransport({ url: `http://127.0.0.1:${gateway.port}/send` }).send(
    sms,
  );

  const error: unknown = await sending.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SmsGatewayError);
  expect(error).toMatchObject({ status: 502, code: 'HTTP_502' });
  expect(String(error)).not.toContain('482913');
});

test('credentials in the gateway URL are sent as Basic auth, not in the URL', async () => {
  const gateway = await startGateway(204);

  await createHttpSmsTransport({
    url: `http://carnet:s%40cret@127.0.0.1:${gateway.port}/send`,
  }).send(sms);

  const expected = `Basic ${Buffer.from('carnet:s@cret').toString('base64')}`;
  expect(gateway.received[0]!.headers.authorization).toBe(expected);
});

test('an unreachable gateway is an error', async () => {
  const gateway = await startGateway(200);
  await cleanups.pop()!(); // close it: nothing listens on the port any more

  await expect(
    createHttpSmsTransport({ url: `http://127.0.0.1:${gateway.port}/` }).send(sms),
  ).rejects.toThrow();
});

test('the file transport writes a .txt with a To: line and the text, and logs only its path', async () => {
  const root = await mkdtemp(join(tmpdir(), 'carnet-sms-'));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  const lines: unknown[][] = [];
  const dir = join(root, 'outbox');
  const transport = createFileSmsTransport({
    dir,
    logger: { info: (...args) => void lines.push(args) },
    clock: createManualClock(new Date('2026-11-27T09:00:00.000Z')),
  });

  await transport.send(sms, { id: 'out_9' });

  expect(await readdir(dir)).toEqual(['2026-11-27T09-00-00.000Z-out_9.txt']);
  const content = await readFile(join(dir, '2026-11-27T09-00-00.000Z-out_9.txt'), 'utf8');
  expect(content).toBe('To: +33612345678\n\nCarnet : votre code est 482913.\n');
  expect(lines).toEqual([
    [`sms written to outbox ${join(dir, '2026-11-27T09-00-00.000Z-out_9.txt')}`],
  ]);
});
