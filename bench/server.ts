/**
 * The benchmark's server process: Carnet on SQLite (or PostgreSQL) in a temp data folder with one
 * signed-in patient, plus two bare `node:http` ceilings in the same process, so all run under the
 * same conditions: one streaming raw files (B4), one answering the bytes of the document list (B1).
 * Background workers are not started: the benchmarks measure the request path.
 *
 * Usage: server.ts '<json ServerOptions>'. Prints one JSON line (ServerInfo) when ready, then
 * answers commands read as JSON lines on stdin: {"grow": n} adds filler documents of other
 * patients until the store holds n documents, and answers {"documents": n}; {"time": n} runs the
 * patient's first list page through the repository (no page cache) n times and answers the median
 * in microseconds {"p50us": …} (B5: the database work, without HTTP noise).
 */
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { buildApp } from '../apps/server/src/app.ts';
import { parseConfig } from '../apps/server/src/config/config.schema.ts';
import { createDeps } from '../apps/server/src/deps.ts';
import { createDocumentsRepository } from '../apps/server/src/modules/documents/documents.repository.ts';
import { migrateToLatest } from '../apps/server/src/platform/db/migrate.ts';
import { addDocuments, addFillerPatients } from './seed.ts';
import type { ServerOptions } from './support.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as ServerOptions;
if (!options.dataDir) throw new Error('usage: server.ts \'{"dataDir": …}\'');

const config = parseConfig({
  CARNET_DATA_DIR: options.dataDir,
  CARNET_PORT: '0',
  CARNET_LOG_LEVEL: 'silent',
  CARNET_PUBLIC_URL: 'http://localhost:3000',
  CARNET_DATABASE_URL: options.postgresUrl ?? '',
});
const deps = createDeps(config);
await migrateToLatest(deps.database);
const password = 'Carnet-bench-2026';
const patient = await deps.activation.createActivatedProfile({
  ins: '288047512345617',
  firstName: 'Inaya',
  lastName: 'Michel',
  birthDate: '1988-04-12',
  email: 'bench@example.org',
  mobile: null,
  identifiant: 'bench.patient',
  password,
});
const account = await deps.database.db
  .selectFrom('accounts')
  .select('id')
  .where('patient_id', '=', patient.id)
  .executeTakeFirstOrThrow();
const { token } = await deps.sessions.open(deps.database.db, {
  account_id: account.id,
  patient_id: patient.id,
  level: 'full',
  user_agent: 'bench',
});
if (options.documents) await addDocuments(deps.database.db, patient.id, options.documents, 'b');
const app = await buildApp(deps, { logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const carnetPort = (app.server.address() as AddressInfo).port;
const cookie = `${deps.cookie.name}=${token}`;

// The ceiling of B4: the same bytes, streamed from a plain file by a bare server.
const raw = createServer((request, response) => {
  const file = new URL(request.url ?? '/', 'http://x').searchParams.get('file') ?? '';
  response.writeHead(200, { 'content-type': 'application/pdf' });
  createReadStream(file).pipe(response);
});
await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));

// The ceiling of B1: a bare server answering the very bytes Carnet answers for the first page.
const listed = await fetch(`http://127.0.0.1:${carnetPort}/api/documents`, {
  headers: { cookie },
});
const listBody = Buffer.from(await listed.arrayBuffer());
if (listed.status !== 200) throw new Error(`the document list answered ${listed.status}`);
const bare = createServer((_request, response) => {
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': listBody.length,
  });
  response.end(listBody);
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));

process.stdout.write(
  `${JSON.stringify({
    carnetPort,
    rawPort: (raw.address() as AddressInfo).port,
    barePort: (bare.address() as AddressInfo).port,
    cookie,
    identifiant: 'bench.patient',
    password,
    listBytes: listBody.length,
  })}\n`,
);

// A clean exit on SIGINT lets `node --cpu-prof` write its profile.
process.once('SIGINT', () => process.exit(0));

let stored = options.documents ?? 0;
for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line) as { grow?: number; time?: number };
  if (command.time) {
    const repository = createDocumentsRepository(deps.database.db);
    const scope = {
      patientId: patient.id,
      now: new Date().toISOString(),
      hideInvisibleToPatient: true,
    };
    const filters = { sort: 'date', order: 'desc', offset: 0, limit: 50 } as const;
    const times: number[] = [];
    for (let i = 0; i < command.time; i++) {
      const started = process.hrtime.bigint();
      await repository.list(scope, filters);
      times.push(Number(process.hrtime.bigint() - started) / 1000);
    }
    times.sort((a, b) => a - b);
    process.stdout.write(`${JSON.stringify({ p50us: times[times.length >> 1] })}\n`);
    continue;
  }
  if (command.grow && command.grow > stored) {
    await addFillerPatients(deps.database.db, command.grow - stored, stored);
    stored = command.grow;
  }
  process.stdout.write(`${JSON.stringify({ documents: stored })}\n`);
}
