/**
 * B2's server process (PERFORMANCE.md): Carnet on SQLite or PostgreSQL with a patient of 1,000
 * documents (5 % masked), a professional with an access token and the read grant, plus a bare
 * `node:http` server answering the very bytes of the same ITI-67 search (the ceiling), in the same
 * process. Prints one JSON line {carnetPort, rawPort, token, path} when ready; SIGINT cleans up.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.ts';
import { parseConfig } from '../apps/server/src/config/config.schema.ts';
import { createDeps } from '../apps/server/src/deps.ts';
import { openDatabase } from '../apps/server/src/platform/db/database.ts';
import { migrateToLatest } from '../apps/server/src/platform/db/migrate.ts';

const [dialect, dataDir] = process.argv.slice(2);
if ((dialect !== 'sqlite' && dialect !== 'postgres') || !dataDir)
  throw new Error('usage: fhir-search-server.ts sqlite|postgres <data dir>');
const postgresUrl =
  process.env.CARNET_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_${randomBytes(6).toString('hex')}`;

const config = parseConfig({
  CARNET_DATA_DIR: dataDir,
  CARNET_LOG_LEVEL: 'silent',
  CARNET_PUBLIC_URL: 'http://localhost:3000',
});
let dropSchema = async () => undefined as unknown;
const database =
  dialect === 'postgres'
    ? openDatabase({ postgresUrl, postgresSchema: schema })
    : openDatabase({ sqlitePath: `${dataDir}/carnet.db` });
if (dialect === 'postgres') {
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  dropSchema = async () => {
    const a = new pg.Client({ connectionString: postgresUrl });
    await a.connect();
    await a.query(`drop schema ${schema} cascade`);
    await a.end();
  };
}
const deps = createDeps(config, { database });
await migrateToLatest(deps.database);

const patient = await deps.activation.createActivatedProfile({
  ins: '288047512345617',
  firstName: 'Inaya',
  lastName: 'Michel',
  birthDate: '1988-04-12',
  email: 'bench@example.org',
  mobile: null,
  identifiant: 'bench.patient',
  password: 'Carnet-bench-2026',
});
const ps = await deps.database.db.transaction().execute(async (trx) => {
  const created = await deps.professionals.create(trx, {
    rpps: '10000000999',
    firstName: 'Adama',
    lastName: 'Ndiaye',
    profession: 'medecin',
    specialty: null,
    isRegulator: false,
    email: 'ps.bench@example.org',
  });
  await deps.professionalAccounts.setPassword(trx, created, 'not-a-real-hash');
  return created;
});
await deps.patientAccess.importGrant({
  patientId: patient.id,
  professionalId: ps.id,
  status: 'authorized',
  since: new Date().toISOString(),
});
// 1,000 documents, one in twenty masked, spread over dates; 8 at a time.
const categories = ['CPT_REND', 'BIOLOGIE', 'ORD_SOIN', 'RADIO_SC'];
for (let start = 0; start < 1000; start += 8) {
  await Promise.all(
    Array.from({ length: 8 }, async (_, k) => {
      const i = start + k;
      await deps.documentUploads.addDocument({
        patientId: patient.id,
        author: { type: 'patient' },
        actor: { type: 'patient', id: patient.id },
        fields: {
          title: `Document ${i}`,
          date: `20${String(10 + (i % 15)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
          category: categories[i % categories.length],
          confidentiality: i % 20 === 0 ? 'masque' : 'visible',
        },
        file: {
          stream: Readable.from([Buffer.from(`Contenu du document ${i}`)]),
          fileName: 'note.txt',
          contentType: 'text/plain',
        },
      });
    }),
  );
}
const { token } = await deps.apiTokens.issue({ professional: ps, clientId: 'bench', minutes: 60 });
const app = await buildApp(deps, { logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const path = `/fhir/R4/DocumentReference?patient=${patient.id.replace('_', '-')}&_sort=-date`;
const sample = await app.inject({ url: path, headers: { authorization: `Bearer ${token}` } });
if (sample.statusCode !== 200) throw new Error(`search answered ${sample.statusCode}`);
const body = sample.rawPayload;
const total = (JSON.parse(sample.body) as { total: number }).total;
if (total !== 950) throw new Error(`expected 950 visible documents, got ${total}`);

// The ceiling: the same bytes and content type from a bare server.
const raw = createServer((_request, response) => {
  response.writeHead(200, {
    'content-type': 'application/fhir+json; charset=utf-8',
    'content-length': body.length,
  });
  response.end(body);
});
await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));

process.stdout.write(
  `${JSON.stringify({
    carnetPort: (app.server.address() as AddressInfo).port,
    rawPort: (raw.address() as AddressInfo).port,
    token,
    path,
    bytes: body.length,
  })}\n`,
);

process.once('SIGINT', () => {
  void (async () => {
    raw.close();
    await app.close();
    await deps.database.close();
    await dropSchema();
    process.exit(0);
  })();
});
