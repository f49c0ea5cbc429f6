/**
 * The benchmark's server process: Carnet on SQLite in a temp data folder with one signed-in
 * patient, plus a bare `node:http` server streaming raw files (the ceiling of B4), in the same
 * process so both run under the same conditions. The preview job worker is not started: B3/B4/B7
 * measure the request path. Prints one JSON line {carnetPort, rawPort, cookie} when ready.
 */
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../apps/server/src/app.ts';
import { parseConfig } from '../apps/server/src/config/config.schema.ts';
import { createDeps } from '../apps/server/src/deps.ts';
import { migrateToLatest } from '../apps/server/src/platform/db/migrate.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: server.ts <data dir>');

const config = parseConfig({
  CARNET_DATA_DIR: dataDir,
  CARNET_PORT: '0',
  CARNET_LOG_LEVEL: 'silent',
  CARNET_PUBLIC_URL: 'http://localhost:3000',
});
const deps = createDeps(config);
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
const app = await buildApp(deps, { logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });

// The ceiling of B4: the same bytes, streamed from a plain file by a bare server.
const raw = createServer((request, response) => {
  const file = new URL(request.url ?? '/', 'http://x').searchParams.get('file') ?? '';
  response.writeHead(200, { 'content-type': 'application/pdf' });
  createReadStream(file).pipe(response);
});
await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));

process.stdout.write(
  `${JSON.stringify({
    carnetPort: (app.server.address() as AddressInfo).port,
    rawPort: (raw.address() as AddressInfo).port,
    cookie: `${deps.cookie.name}=${token}`,
  })}\n`,
);

// A clean exit on SIGINT lets `node --cpu-prof` write its profile.
process.once('SIGINT', () => process.exit(0));
