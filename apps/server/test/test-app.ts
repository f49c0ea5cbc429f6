/** Builds the whole app on an isolated test database, with a manual clock and fixed keys. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { parseConfig } from '../src/config/config.schema.ts';
import { createDeps } from '../src/deps.ts';
import type { AppDeps, DepsOverrides } from '../src/deps.ts';
import { createFsBlobStore } from '../src/platform/blobs/fs-blob-store.ts';
import { createManualClock } from '../src/platform/clock.ts';
import type { ManualClock } from '../src/platform/clock.ts';
import { loadKeyring } from '../src/platform/crypto/keyring.ts';
import { openJson } from '../src/platform/crypto/sealed.ts';
import type { OutboxMessage } from '../src/platform/mail/outbox.ts';
import { createTestDatabase } from './test-db.ts';

/** A fixed 32-byte test master key (base64). */
export const TEST_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

/** A running test app with its services and clock. */
export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  clock: ManualClock;
  /** Temp folder of the document blobs, removed by close(). */
  blobsDir: string;
  close(): Promise<void>;
}

/** Builds the app on a fresh migrated database. */
export async function createTestApp(
  env: Record<string, string> = {},
  overrides: Pick<DepsOverrides, 'passwords' | 'blobs'> = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = createManualClock();
  const config = parseConfig({
    CARNET_MASTER_KEY: TEST_MASTER_KEY,
    CARNET_DATA_DIR: '/nonexistent-test-dir',
    ...env,
  });
  const blobsDir = mkdtempSync(join(tmpdir(), 'carnet-blobs-'));
  const deps = createDeps(config, {
    database,
    clock,
    blobs: createFsBlobStore({ root: blobsDir, clock }),
    ...overrides,
    keyring: loadKeyring({ masterKey: TEST_MASTER_KEY, dataDir: '/nonexistent-test-dir' }),
  });
  const app = await buildApp(deps);
  return {
    app,
    deps,
    clock,
    blobsDir,
    close: async () => {
      await app.close();
      await database.close();
      rmSync(blobsDir, { recursive: true, force: true });
    },
  };
}

/** Every message queued in the outbox, oldest first, decrypted. */
export async function outboxMessages(deps: AppDeps): Promise<OutboxMessage[]> {
  const rows = await deps.database.db
    .selectFrom('outbox')
    .select(['payload', 'created_at', 'id'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const key = deps.keyring.deriveKey('carnet/outbox');
  return rows.filter((r) => r.payload !== '').map((r) => openJson<OutboxMessage>(key, r.payload));
}

/** The 6-digit code of the newest message sent to `to`. */
export async function lastCodeSentTo(deps: AppDeps, to: string): Promise<string> {
  const messages = (await outboxMessages(deps)).filter((m) => m.to === to);
  const text = messages.at(-1)?.text ?? '';
  const code = /\b(\d{6})\b/.exec(text)?.[1];
  if (!code) throw new Error(`no code sent to ${to}`);
  return code;
}

/** A small cookie-keeping client over `app.inject` that sends the CSRF header on writes. */
export function createClient(app: FastifyInstance, headers: Record<string, string> = {}) {
  const cookies = new Map<string, string>();
  const remember = (response: LightMyRequestResponse) => {
    for (const c of response.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) cookies.delete(c.name);
      else cookies.set(c.name, c.value);
    }
    return response;
  };
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    cookies,
    async get(url: string) {
      return remember(
        await app.inject({ method: 'GET', url, headers: { ...headers, cookie: cookieHeader() } }),
      );
    },
    async send(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) {
      return remember(
        await app.inject({
          method,
          url,
          headers: {
            ...headers,
            cookie: cookieHeader(),
            'x-carnet-request': '1',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
        }),
      );
    },
    post(url: string, body?: unknown) {
      return this.send('POST', url, body);
    },
  };
}

/** A cookie-keeping client. */
export type TestClient = ReturnType<typeof createClient>;
