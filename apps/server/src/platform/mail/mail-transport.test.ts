import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createManualClock } from '../clock.ts';
import { createFileMailTransport } from './mail-transport.ts';
import type { InfoLogger } from './outbox-file.ts';
import type { EmailMessage } from './outbox.ts';

const message: EmailMessage = {
  channel: 'email',
  to: 'camille@example.test',
  subject: 'Votre code de connexion à Carnet',
  text: 'Bonjour,\n\nVotre code est 482913.',
  html: '<p>Bonjour,</p><p>Votre code est <strong>482913</strong>.</p>',
};

let root: string;
let lines: unknown[][];
const logger: InfoLogger = { info: (...args) => void lines.push(args) };

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'carnet-mail-'));
  lines = [];
});
afterEach(() => rm(root, { recursive: true, force: true }));

function fileTransport(dir = join(root, 'outbox')) {
  const clock = createManualClock(new Date('2026-11-27T09:00:00.000Z'));
  return createFileMailTransport({
    dir,
    from: 'Carnet <ne-pas-repondre@carnet.test>',
    logger,
    clock,
  });
}

test('the file transport writes a parseable .eml whose subject, text and HTML match', async () => {
  await fileTransport().send(message, { id: 'out_abc123' });

  const dir = join(root, 'outbox');
  expect(await readdir(dir)).toEqual(['2026-11-27T09-00-00.000Z-out_abc123.eml']);
  const raw = await readFile(join(dir, '2026-11-27T09-00-00.000Z-out_abc123.eml'));
  expect(raw.toString('latin1')).toContain('\r\n'); // RFC 5322 line endings
  const parsed = await simpleParser(raw);
  expect(parsed.subject).toBe(message.subject);
  expect(parsed.text?.trim()).toBe(message.text);
  expect(parsed.html).toContain('<strong>482913</strong>');
  expect(parsed.to).toMatchObject({ value: [{ address: 'camille@example.test' }] });
  expect(parsed.messageId).toBe('<out_abc123@carnet.test>');
  expect(parsed.date?.toISOString()).toBe('2026-11-27T09:00:00.000Z');
});

test('the file transport logs one line with the path and never the message content', async () => {
  await fileTransport().send(message, { id: 'out_abc123' });

  expect(lines).toEqual([
    [`mail written to outbox ${join(root, 'outbox', '2026-11-27T09-00-00.000Z-out_abc123.eml')}`],
  ]);
  const logged = JSON.stringify(lines);
  expect(logged).not.toContain('482913');
  expect(logged).not.toContain('camille@example.test');
});

test('the file transport creates its folder, keeps the file private and leaves no temp file', async () => {
  const dir = join(root, 'deep', 'outbox');
  await fileTransport(dir).send(message, { id: 'out_1' });
  await fileTransport(dir).send(message);

  const names = await readdir(dir);
  expect(names).toHaveLength(2);
  expect(names.every((n) => n.endsWith('.eml') && !n.startsWith('.'))).toBe(true);
  expect((await stat(join(dir, names[0]!))).mode & 0o077).toBe(0);
});

test('an id cannot steer the file outside the outbox folder', async () => {
  await fileTransport().send(message, { id: '../../escape' });

  expect(await readdir(join(root, 'outbox'))).toEqual([
    '2026-11-27T09-00-00.000Z-______escape.eml',
  ]);
});
