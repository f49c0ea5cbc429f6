/** Reads the mail and SMS files the server wrote to <data>/outbox, as a developer would. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';

/** Waits for a new message to `to` (an .eml or .txt file) and returns the 6-digit code in it. */
export async function waitForCode(
  dataDir: string,
  to: string,
  options: { after?: number; timeoutMs?: number } = {},
): Promise<string> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  const seen = options.after ?? 0;
  for (;;) {
    const dir = join(dataDir, 'outbox');
    let files: string[] = [];
    try {
      files = readdirSync(dir)
        .filter((f) => f.endsWith('.eml') || f.endsWith('.txt'))
        .sort();
    } catch {
      // not created yet
    }
    for (const file of files.slice(seen).reverse()) {
      const raw = readFileSync(join(dir, file));
      const text = file.endsWith('.eml')
        ? await emlText(raw, to)
        : raw.toString('utf8').includes(to)
          ? raw.toString('utf8')
          : undefined;
      const code = text && /\b(\d{6})\b/.exec(text)?.[1];
      if (code) return code;
    }
    if (Date.now() > deadline) throw new Error(`no code for ${to} in the outbox`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** How many messages the outbox holds now (to wait for the next one). */
export function outboxCount(dataDir: string): number {
  try {
    return readdirSync(join(dataDir, 'outbox')).filter(
      (f) => f.endsWith('.eml') || f.endsWith('.txt'),
    ).length;
  } catch {
    return 0;
  }
}

async function emlText(raw: Buffer, to: string): Promise<string | undefined> {
  const mail = await simpleParser(raw);
  const recipients = [mail.to].flat().flatMap((a) => (a ? a.value.map((v) => v.address) : []));
  return recipients.includes(to) ? (mail.text ?? '') : undefined;
}
