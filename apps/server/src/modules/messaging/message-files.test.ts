import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { pdfBytes } from '../documents/documents.test-support.ts';
import { loadKeyring } from '../../platform/crypto/keyring.ts';
import { createMessageFiles } from './message-files.ts';
import { createMessagingMaintenance } from './messaging-maintenance.service.ts';
import { givenConversation, givenConversationWorld } from './messaging.test-support.ts';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

const filesOf = (app: TestApp) =>
  createMessageFiles({ keyring: app.deps.keyring, blobs: app.deps.blobs, newId: app.deps.newId });

describe('sealed subjects and bodies', () => {
  it('open only in their own row of their own record', async () => {
    t = await createTestApp();
    const files = filesOf(t);
    const sealed = files.seal('pat_a', 'message:msg_1', 'Résultat négatif');
    expect(files.open('pat_a', 'message:msg_1', sealed)).toBe('Résultat négatif');
    expect(() => files.open('pat_a', 'message:msg_2', sealed)).toThrow();
    expect(() => files.open('pat_b', 'message:msg_1', sealed)).toThrow();
    // A fresh nonce each time: equal texts do not give equal values.
    expect(files.seal('pat_a', 'message:msg_1', 'Résultat négatif')).not.toBe(sealed);
  });
});

describe('the sweep of attachment blobs', () => {
  it('removes an orphan older than an hour, keeps a young one and every committed attachment', async () => {
    t = await createTestApp();
    const w = await givenConversationWorld(t);
    await givenConversation(t, w, {
      files: [{ filename: 'cr.pdf', contentType: 'application/pdf', data: await pdfBytes() }],
    });
    // A crash between staging and commit leaves this one behind.
    const orphan = await t.deps.messaging.patient.stageFile(
      w.patientId,
      {
        stream: Readable.from([await pdfBytes('orphelin')]),
        fileName: 'o.pdf',
        contentType: 'application/pdf',
      },
      0,
    );
    // Blob times are the file system's: bring the test clock to the real present.
    t.clock.advance(Date.now() - t.clock.now().getTime());
    const maintenance = t.deps.messaging.maintenance;
    expect(await maintenance.sweepOrphanAttachments()).toEqual({
      orphansRemoved: 0,
      orphansKept: 1,
    });
    t.clock.advance(2 * 3600_000);
    expect(await maintenance.sweepOrphanAttachments()).toEqual({
      orphansRemoved: 1,
      orphansKept: 0,
    });
    expect(await t.deps.blobs.exists(orphan.blobKey)).toBe(false);
    const kept = await t.deps.database.db
      .selectFrom('message_attachments')
      .select('blob_key')
      .executeTakeFirstOrThrow();
    expect(await t.deps.blobs.exists(kept.blob_key)).toBe(true);
  });
});

describe('key rotation', () => {
  it('re-wraps attachment data keys under the new master key; the bytes still decrypt', async () => {
    t = await createTestApp();
    const w = await givenConversationWorld(t);
    await givenConversation(t, w);
    const db = t.deps.database.db;
    const message = await db.selectFrom('messages').selectAll().executeTakeFirstOrThrow();
    const dataDir = mkdtempSync(join(tmpdir(), 'carnet-msg-keys-'));
    try {
      const keyring = loadKeyring({ dataDir });
      const files = createMessageFiles({ keyring, blobs: t.deps.blobs, newId: t.deps.newId });
      const pdf = await pdfBytes('rotation');
      const staged = await files.stage(
        w.patientId,
        { stream: Readable.from([pdf]), fileName: 'r.pdf', contentType: 'application/pdf' },
        5 * 1024 * 1024,
      );
      await db
        .insertInto('message_attachments')
        .values({
          id: staged.id,
          message_id: message.id,
          conversation_id: message.conversation_id,
          patient_id: w.patientId,
          blob_key: staged.blobKey,
          file_name: staged.fileName,
          mime_type: staged.file.mimeType,
          size: staged.file.size,
          sha256: staged.file.sha256,
          wrapped_key: staged.wrappedKey,
          kek_version: staged.kekVersion,
          created_at: message.created_at,
        })
        .execute();
      expect(keyring.rotate()).toBe('v2');
      const maintenance = createMessagingMaintenance({ ...t.deps, db, files });
      expect(await maintenance.rewrapDataKeys()).toBe(1);
      expect(await maintenance.rewrapDataKeys()).toBe(0);
      const row = await db
        .selectFrom('message_attachments')
        .selectAll()
        .where('id', '=', staged.id)
        .executeTakeFirstOrThrow();
      expect(row.kek_version).toBe('v2');
      const chunks: Buffer[] = [];
      for await (const chunk of await files.openAttachment(row)) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).equals(pdf)).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
