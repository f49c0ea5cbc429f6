import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialect, testPostgresUrl } from '../../../test/test-db.ts';
import { createTraceStore, traceHash } from '../../platform/audit/trace-store.ts';
import { createManualClock } from '../../platform/clock.ts';
import { generateSigningKeyPem, loadSigner } from '../../platform/crypto/signing-key.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import type { Db } from '../../platform/db/schema.ts';
import { appendChain } from './trace-fixtures.ts';
import type { CheckpointFile } from './verification.service.ts';
import { checkCheckpointFile, createVerificationService } from './verification.service.ts';

let handle: DatabaseHandle;
const clock = createManualClock();
let n = 0;
const store = createTraceStore({ clock, newId: (p) => `${p}_${++n}` });
const signer = loadSigner({ setting: generateSigningKeyPem(), dataDir: '/nonexistent' });
const verification = () => createVerificationService({ db: handle.db, clock });

beforeEach(async () => {
  handle = await createTestDatabase();
  for (const patientId of ['pat_a', 'pat_b'])
    await appendChain(handle.db, {
      patientId,
      count: 6,
      spec: (i) => ({
        at: new Date(Date.UTC(2026, 10, 1, 8, i)).toISOString(),
        actor: { type: 'patient', id: patientId },
        action: i % 2 ? 'document.read' : 'auth.sign_in',
      }),
    });
  await store.append(handle.db, {
    patientId: null,
    actor: { type: 'system', id: null },
    action: 'platform.start',
  });
});
afterEach(async () => {
  await handle.close();
});

/**
 * Runs `work` as the database owner with the append-only triggers out of the way: what an attacker
 * with the owner's rights (or a restored, edited dump) could do. SQLite: drop the triggers.
 * PostgreSQL: `session_replication_role = replica` (superuser only) skips ordinary triggers.
 */
async function asOwnerBypassingTriggers(work: (db: Db) => Promise<unknown>): Promise<void> {
  if (testDialect === 'sqlite') {
    await sql`drop trigger if exists traces_no_update`.execute(handle.db);
    await sql`drop trigger if exists traces_no_delete`.execute(handle.db);
    await work(handle.db);
    return;
  }
  await handle.db.connection().execute(async (db) => {
    await sql`set session_replication_role = replica`.execute(db);
    try {
      await work(db);
    } finally {
      await sql`set session_replication_role = origin`.execute(db);
    }
  });
}

const setHead = (db: Db, chain: string, seq: number) =>
  db
    .updateTable('trace_heads')
    .set((eb) => ({
      seq,
      hash: eb
        .selectFrom('traces')
        .select('hash')
        .where('chain', '=', chain)
        .where('seq', '=', seq),
    }))
    .where('chain', '=', chain)
    .execute();

describe(`tamper evidence (${testDialect})`, () => {
  it('finds every chain whole when nobody touched the traces', async () => {
    expect(await verification().verify()).toEqual({ chains: 3, traces: 13, problems: [] });
  });

  it('reports an edited trace at its seq', async () => {
    await asOwnerBypassingTriggers((db) =>
      db
        .updateTable('traces')
        .set({ action: 'auth.sign_in' })
        .where('chain', '=', 'pat_a')
        .where('seq', '=', 4)
        .execute(),
    );

    expect((await verification().verify()).problems).toEqual([
      { chain: 'pat_a', seq: 4, reason: 'hash' },
    ]);
  });

  it('reports an edit whose hash was recomputed at the next link', async () => {
    await asOwnerBypassingTriggers(async (db) => {
      const row = await db
        .selectFrom('traces')
        .selectAll()
        .where('chain', '=', 'pat_a')
        .where('seq', '=', 3)
        .executeTakeFirstOrThrow();
      const { hash: _old, ...rest } = { ...row, actor_id: 'pat_z', seq: Number(row.seq) };
      await db
        .updateTable('traces')
        .set({ actor_id: 'pat_z', hash: traceHash(rest) })
        .where('id', '=', row.id)
        .execute();
    });

    expect((await verification().verify()).problems).toEqual([
      { chain: 'pat_a', seq: 4, reason: 'link' },
    ]);
  });

  it('reports a deleted trace as a gap', async () => {
    await asOwnerBypassingTriggers((db) =>
      db.deleteFrom('traces').where('chain', '=', 'pat_b').where('seq', '=', 2).execute(),
    );

    expect((await verification().verify()).problems).toEqual([
      { chain: 'pat_b', seq: 2, reason: 'gap' },
    ]);
  });

  it('reports two traces swapped in the order', async () => {
    await asOwnerBypassingTriggers(async (db) => {
      const swap = (from: number, to: number) =>
        db
          .updateTable('traces')
          .set({ seq: to })
          .where('chain', '=', 'pat_a')
          .where('seq', '=', from)
          .execute();
      await swap(2, -1);
      await swap(3, 2);
      await swap(-1, 3);
    });

    expect((await verification().verify()).problems).toEqual([
      { chain: 'pat_a', seq: 2, reason: 'link' },
    ]);
  });

  it('reports a deleted tail by the head it no longer reaches', async () => {
    await asOwnerBypassingTriggers((db) =>
      db.deleteFrom('traces').where('chain', '=', 'pat_a').where('seq', '>=', 5).execute(),
    );

    expect((await verification().verify()).problems).toEqual([
      { chain: 'pat_a', seq: 5, reason: 'head' },
    ]);
  });

  it('reports a chain whose head row was removed, and a head whose traces were all removed', async () => {
    await handle.db.deleteFrom('trace_heads').where('chain', '=', 'pat_a').execute();
    await asOwnerBypassingTriggers((db) =>
      db.deleteFrom('traces').where('chain', '=', 'pat_b').execute(),
    );

    expect((await verification().verify()).problems).toEqual([
      { chain: 'pat_a', seq: 6, reason: 'head' },
      { chain: 'pat_b', seq: 1, reason: 'head' },
    ]);
  });

  it('checks only the chains asked for', async () => {
    await asOwnerBypassingTriggers((db) =>
      db.deleteFrom('traces').where('chain', '=', 'pat_b').where('seq', '=', 2).execute(),
    );

    expect(await verification().verify({ chains: ['pat_a'] })).toEqual({
      chains: 1,
      traces: 6,
      problems: [],
    });
  });
});

describe(`signed checkpoints (${testDialect})`, () => {
  const checkpoint = async (): Promise<CheckpointFile> => {
    const { file } = await verification().checkpoint(signer);
    if (!file) throw new Error('no checkpoint');
    return file;
  };

  it('signs the head of every chain with Ed25519', async () => {
    const file = await checkpoint();

    expect(file.heads.map((h) => [h.chain, h.seq])).toEqual([
      ['pat_a', 6],
      ['pat_b', 6],
      ['platform', 1],
    ]);
    expect(checkCheckpointFile(file, signer)).toBeUndefined();
  });

  it('refuses an edited checkpoint and one signed by another key', async () => {
    const file = await checkpoint();
    const other = loadSigner({ setting: generateSigningKeyPem(), dataDir: '/nonexistent' });
    const lowered = { ...file, heads: file.heads.map((h) => ({ ...h, seq: 1 })) };

    expect(checkCheckpointFile(lowered, signer)).toBe('signature does not match');
    expect(checkCheckpointFile({ ...file, signature: other.sign(Buffer.from('x')) }, signer)).toBe(
      'signature does not match',
    );
    expect(checkCheckpointFile(file, other)).toBe('signed by another key');
    expect(checkCheckpointFile({ format: 'x' }, signer)).toBe('unknown checkpoint format');
  });

  it('catches a tail removed together with its head, which the chain alone cannot show', async () => {
    const file = await checkpoint();
    await asOwnerBypassingTriggers(async (db) => {
      await db.deleteFrom('traces').where('chain', '=', 'pat_a').where('seq', '>', 3).execute();
      await setHead(db, 'pat_a', 3);
    });

    expect((await verification().verify()).problems).toEqual([]);
    expect((await verification().verify({ checkpoint: file })).problems).toEqual([
      { chain: 'pat_a', seq: 4, reason: 'truncated' },
    ]);
  });

  it('catches a tail rewritten past the checkpoint', async () => {
    const file = await checkpoint();
    await asOwnerBypassingTriggers(async (db) => {
      await db.deleteFrom('traces').where('chain', '=', 'pat_b').where('seq', '>', 4).execute();
      await setHead(db, 'pat_b', 4);
    });
    for (let i = 0; i < 4; i++)
      await store.append(handle.db, {
        patientId: 'pat_b',
        actor: { type: 'patient', id: 'pat_b' },
        action: 'auth.sign_in',
      });

    expect((await verification().verify({ checkpoint: file })).problems).toEqual([
      { chain: 'pat_b', seq: 6, reason: 'checkpoint' },
    ]);
  });

  it('accepts traces appended after the checkpoint', async () => {
    const file = await checkpoint();
    await store.append(handle.db, {
      patientId: 'pat_a',
      actor: { type: 'patient', id: 'pat_a' },
      action: 'auth.sign_in',
    });
    await store.append(handle.db, {
      patientId: 'pat_c',
      actor: { type: 'patient', id: 'pat_c' },
      action: 'auth.sign_in',
    });

    expect(await verification().verify({ checkpoint: file })).toEqual({
      chains: 4,
      traces: 15,
      problems: [],
    });
  });

  it('writes no checkpoint while a chain is broken', async () => {
    await asOwnerBypassingTriggers((db) =>
      db.deleteFrom('traces').where('chain', '=', 'pat_b').where('seq', '=', 2).execute(),
    );

    const result = await verification().checkpoint(signer);

    expect(result.file).toBeUndefined();
    expect(result.report.problems).toEqual([{ chain: 'pat_b', seq: 2, reason: 'gap' }]);
  });
});

describe.runIf(testDialect === 'postgres')('the application role on PostgreSQL', () => {
  it('cannot update, delete or truncate traces, nor switch the triggers off', async () => {
    const schema = (
      await sql<{ schema: string }>`select current_schema() as schema`.execute(handle.db)
    ).rows[0]!.schema;
    const role = `carnet_app_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: testPostgresUrl });
    await admin.connect();
    // A login role with every table privilege, as an application role would have: only the
    // triggers stand between it and the traces.
    await admin.query(`create role ${role} login`);
    await admin.query(`grant usage on schema ${schema} to ${role}`);
    await admin.query(`grant all privileges on all tables in schema ${schema} to ${role}`);
    const url = new URL(testPostgresUrl);
    url.username = role;
    const app = new pg.Client({
      connectionString: url.toString(),
      options: `-c search_path=${schema}`,
    });
    await app.connect();
    try {
      expect((await app.query('select count(*)::int as n from traces')).rows[0]).toEqual({ n: 13 });
      for (const statement of [
        `update traces set action = 'x' where chain = 'pat_a'`,
        `delete from traces where chain = 'pat_a'`,
        'truncate traces',
      ])
        await expect(app.query(statement)).rejects.toThrow(/append-only/);
      await expect(app.query('set session_replication_role = replica')).rejects.toThrow(
        /permission denied/,
      );
      await expect(
        app.query('alter table traces disable trigger traces_no_change'),
      ).rejects.toThrow(/must be owner/);
      await expect(app.query('drop trigger traces_no_change on traces')).rejects.toThrow(
        /must be owner/,
      );
      expect((await app.query('select count(*)::int as n from traces')).rows[0]).toEqual({ n: 13 });
    } finally {
      await app.end();
      await admin.query(`revoke all privileges on all tables in schema ${schema} from ${role}`);
      await admin.query(`revoke usage on schema ${schema} from ${role}`);
      await admin.query(`drop role ${role}`);
      await admin.end();
    }
    expect((await verification().verify()).problems).toEqual([]);
  });
});
