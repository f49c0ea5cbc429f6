/** Builds every service from the configuration: factories wired by hand, no container. */
import { join, resolve } from 'node:path';
import type { Config } from './config/config.schema.ts';
import { createTraceStore } from './platform/audit/trace-store.ts';
import type { Clock } from './platform/clock.ts';
import { systemClock } from './platform/clock.ts';
import { loadKeyring } from './platform/crypto/keyring.ts';
import type { Keyring } from './platform/crypto/keyring.ts';
import { createPasswordHasher } from './platform/crypto/passwords.ts';
import type { PasswordHasher } from './platform/crypto/passwords.ts';
import { createIdGenerator } from './platform/crypto/secrets.ts';
import type { DatabaseHandle } from './platform/db/database.ts';
import { openDatabase } from './platform/db/database.ts';
import { createOutbox } from './platform/mail/outbox.ts';
import { createAccountSettingsService } from './modules/accounts/account-settings.service.ts';
import type { AccountsDeps } from './modules/accounts/accounts.deps.ts';
import { createActivationService } from './modules/accounts/activation.service.ts';
import { createOtpService } from './modules/accounts/otp.service.ts';
import { createPasswordPolicy } from './modules/accounts/password-policy.ts';
import { createRecoveryService } from './modules/accounts/recovery.service.ts';
import { createSignInService } from './modules/accounts/sign-in.service.ts';
import { createThrottleService } from './modules/accounts/throttle.service.ts';
import { createPatientsService } from './modules/patients/patients.service.ts';
import { createProfessionalsService } from './modules/professionals/professionals.service.ts';
import { sessionCookieFor } from './modules/sessions/sessions.http.ts';
import { createSessionsService } from './modules/sessions/sessions.service.ts';

/** What may be replaced when building the services (tests pass a clock, a database…). */
export interface DepsOverrides {
  database?: DatabaseHandle;
  clock?: Clock;
  keyring?: Keyring;
  passwords?: PasswordHasher;
}

/** Opens the database handle the configuration names. */
export function openConfiguredDatabase(config: Config): DatabaseHandle {
  return openDatabase({
    postgresUrl: config.databaseUrl || undefined,
    sqlitePath: join(config.dataDir, 'carnet.db'),
  });
}

/** Every service of the server. */
export function createDeps(config: Config, overrides: DepsOverrides = {}) {
  const database = overrides.database ?? openConfiguredDatabase(config);
  const db = database.db;
  const clock = overrides.clock ?? systemClock;
  const ids = createIdGenerator();
  const newId = (prefix: string) => ids.newId(prefix);
  const keyring =
    overrides.keyring ??
    loadKeyring({ masterKey: config.masterKey || undefined, dataDir: resolve(config.dataDir) });
  const passwords = overrides.passwords ?? createPasswordHasher();
  const traces = createTraceStore({ clock, newId });
  const outbox = createOutbox({ clock, newId, sealKey: keyring.deriveKey('carnet/outbox') });
  const patients = createPatientsService({ db, clock, newId });
  const sessions = createSessionsService({
    db,
    clock,
    newId,
    policy: {
      idleMs: config.sessionIdleMinutes * 60_000,
      absoluteMs: config.sessionAbsoluteHours * 3600_000,
      pendingMs: 15 * 60_000,
    },
  });
  const accountsDeps: AccountsDeps = {
    db,
    clock,
    newId,
    passwords,
    passwordPolicy: createPasswordPolicy(),
    otp: createOtpService({ clock, newId, hashKey: keyring.deriveKey('carnet/otp') }),
    throttle: createThrottleService({ clock }),
    sessions,
    patients,
    outbox,
    traces,
    codeHashKey: keyring.deriveKey('carnet/activation'),
    publicUrl: config.publicUrl.replace(/\/$/, ''),
  };
  return {
    config,
    database,
    clock,
    newId,
    keyring,
    traces,
    outbox,
    patients,
    professionals: createProfessionalsService({ clock, newId }),
    sessions,
    cookie: sessionCookieFor(config.publicUrl),
    signIn: createSignInService(accountsDeps),
    activation: createActivationService(accountsDeps),
    recovery: createRecoveryService(accountsDeps),
    accountSettings: createAccountSettingsService(accountsDeps),
  };
}

/** The wired services. */
export type AppDeps = ReturnType<typeof createDeps>;
