import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { givenActivePatient } from '../../test/builders.ts';
import type { TestApp } from '../../test/test-app.ts';
import { createTestApp } from '../../test/test-app.ts';
import { testDialect } from '../../test/test-db.ts';
import { generateSigningKeyPem, loadSigner } from '../platform/crypto/signing-key.ts';
import type { Output } from './traces.ts';
import { runCheckpoint, runVerify } from './traces.ts';

const signer = loadSigner({ setting: generateSigningKeyPem(), dataDir: '/nonexistent' });

function capture(): Output & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (text: string) => void (io.stdout += text),
    err: (text: string) => void (io.stderr += text),
  };
  return io;
}

let t: TestApp;
let dir: string;
let ins: string;
let patientId: string;

beforeEach(async () => {
  t = await createTestApp();
  const inaya = await givenActivePatient(t);
  ins = inaya.ins;
  patientId = inaya.patient.id;
  for (let i = 0; i < 3; i++)
    await t.deps.traces.append(t.deps.database.db, {
      patientId,
      actor: { type: 'patient', id: patientId },
      action: 'auth.sign_in',
    });
  dir = mkdtempSync(join(tmpdir(), 'carnet-traces-cli-'));
});
afterEach(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Removes the last trace of the record and rewinds its head, as the database owner. */
async function truncateLastTrace() {
  const { db } = t.deps.database;
  if (testDialect === 'sqlite') {
    await sql`drop trigger traces_no_delete`.execute(db);
    await db.deleteFrom('traces').where('chain', '=', patientId).where('seq', '=', 4).execute();
  } else {
    await db.connection().execute(async (c) => {
      await sql`set session_replication_role = replica`.execute(c);
      await c.deleteFrom('traces').where('chain', '=', patientId).where('seq', '=', 4).execute();
      await sql`set session_replication_role = origin`.execute(c);
    });
  }
  const third = await db
    .selectFrom('traces')
    .select('hash')
    .where('chain', '=', patientId)
    .where('seq', '=', 3)
    .executeTakeFirstOrThrow();
  await db
    .updateTable('trace_heads')
    .set({ seq: 3, hash: third.hash })
    .where('chain', '=', patientId)
    .execute();
}

const verify = (options: { patient?: string; checkpoint?: string } = {}) => {
  const io = capture();
  return runVerify(t.deps, { ...options, signer: () => signer }, io).then((code) => ({
    code,
    ...io,
  }));
};

describe('carnet traces verify', () => {
  it('exits 0 and says so when every chain is intact', async () => {
    const result = await verify();

    expect(result).toMatchObject({
      code: 0,
      stdout: 'Checked 1 chains, 4 traces.\nEvery chain is intact.\n',
    });
  });

  it('exits 1 and names the first broken link', async () => {
    await t.deps.database.db.deleteFrom('trace_heads').execute();

    const result = await verify();

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`BROKEN chain ${patientId} at seq 4: head`);
    expect(result.stdout).toContain('1 of 1 chains are broken.');
  });

  it('checks one record by its INS, and refuses an unknown INS', async () => {
    expect((await verify({ patient: ins })).stdout).toContain('Checked 1 chains, 4 traces.');
    expect(await verify({ patient: '188047512345678' })).toMatchObject({
      code: 1,
      stderr: 'No record with this INS.\n',
    });
  });
});

describe('carnet traces checkpoint', () => {
  it('writes the signed heads readable by its owner only, and verify accepts them', async () => {
    const out = join(dir, 'checkpoint.json');
    const io = capture();

    expect(await runCheckpoint(t.deps, { out, signer }, io)).toBe(0);

    expect(statSync(out).mode & 0o777).toBe(0o600);
    const file = JSON.parse(readFileSync(out, 'utf8')) as { heads: unknown[]; publicKey: string };
    expect(file.heads).toEqual([expect.objectContaining({ chain: patientId, seq: 4 })]);
    expect(file.publicKey).toBe(signer.publicKey);
    expect(io.stdout).toContain(`signed by key ${signer.fingerprint}`);
    expect(await verify({ checkpoint: out })).toMatchObject({ code: 0 });
  });

  it('lets verify catch a tail removed with its head', async () => {
    const out = join(dir, 'checkpoint.json');
    await runCheckpoint(t.deps, { out, signer }, capture());
    await truncateLastTrace();

    expect((await verify()).code).toBe(0);
    const result = await verify({ checkpoint: out });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`BROKEN chain ${patientId} at seq 4: truncated`);
  });

  it('makes verify refuse an edited or unreadable checkpoint', async () => {
    const out = join(dir, 'checkpoint.json');
    await runCheckpoint(t.deps, { out, signer }, capture());
    const file = JSON.parse(readFileSync(out, 'utf8')) as { heads: Array<{ seq: number }> };
    file.heads[0]!.seq = 2;
    writeFileSync(out, JSON.stringify(file));

    expect(await verify({ checkpoint: out })).toMatchObject({
      code: 1,
      stderr: `The checkpoint ${out} cannot be trusted: signature does not match.\n`,
    });
    expect(await verify({ checkpoint: join(dir, 'missing.json') })).toMatchObject({ code: 1 });
  });
});

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const carnet = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'apps/server/src/main.ts'), ...args], {
    cwd: root,
    env: {
      ...process.env,
      CARNET_DATA_DIR: dataDir,
      CARNET_DATABASE_URL: '',
      CARNET_LOG_LEVEL: 'warn',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });

describe.runIf(testDialect === 'sqlite')('the carnet command on a data folder', () => {
  it('verifies the demo data, checkpoints it, and fails on a trace edited in the file', () => {
    expect(carnet(dir, 'seed-demo').status).toBe(0);
    const ok = carnet(dir, 'traces', 'verify');
    expect(ok.stdout).toContain('Every chain is intact.');
    expect(ok.status).toBe(0);
    const checkpoint = carnet(dir, 'traces', 'checkpoint', '--out', join(dir, 'cp.json'));
    expect(checkpoint.status).toBe(0);
    expect(statSync(join(dir, 'trace-signing.key')).mode & 0o777).toBe(0o600);

    const raw = new SqliteDatabase(join(dir, 'carnet.db'));
    raw.exec('drop trigger traces_no_update');
    raw.exec(`update traces set action = 'auth.sign_out' where seq = 1`);
    raw.close();

    const broken = carnet(dir, 'traces', 'verify', '--checkpoint', join(dir, 'cp.json'));
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/BROKEN chain pat_\w+ at seq 1: hash/);
    expect(carnet(dir, 'traces', 'verify', '--patient', '12').status).not.toBe(0);
  }, 120_000);
});
