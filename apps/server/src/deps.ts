/** Builds every service from the configuration: factories wired by hand, no container. */
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { parisDay } from '@carnet/shared';
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
import { createFsBlobStore } from './platform/blobs/fs-blob-store.ts';
import type { FsBlobStore } from './platform/blobs/fs-blob-store.ts';
import { createPreviewRenderer } from './platform/files/preview-renderer.ts';
import { createJobQueue } from './platform/jobs/job-queue.ts';
import { createJobWorker } from './platform/jobs/job-worker.ts';
import { DOCUMENT_AWAITING_JOB, PREVIEW_JOB } from './modules/documents/documents.deps.ts';
import { createDocumentsModule } from './modules/documents/documents.module.ts';
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
import { createAccessGate } from './modules/access/access-gate.service.ts';
import { createHabilitationMatrixService } from './modules/access/habilitation-matrix.service.ts';
import { createPatientAccessService } from './modules/access/patient-access.service.ts';
import { createProfessionalAccessService } from './modules/access/professional-access.service.ts';
import { createProfessionalAccountsService } from './modules/accounts/professional-accounts.service.ts';
import { createHistoryService } from './modules/traces/history.service.ts';
import { createVerificationService } from './modules/traces/verification.service.ts';
import { createNotificationsService } from './modules/notifications/notifications.service.ts';
import { createDelegationsService } from './modules/delegations/delegations.service.ts';
import { justificatifPdf } from './modules/delegations/justificatif.ts';
import { createActingPersonResolver } from './modules/sessions/acting-person.ts';

/** What may be replaced when building the services (tests pass a clock, a database…). */
export interface DepsOverrides {
  database?: DatabaseHandle;
  clock?: Clock;
  keyring?: Keyring;
  passwords?: PasswordHasher;
  /** Where document blobs live (tests: a temp folder). */
  blobs?: FsBlobStore;
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
  const activation = createActivationService(accountsDeps);
  const cookie = sessionCookieFor(config.publicUrl);
  // Proches (issue 13): representatives and aidants; the one resolver of the acting person.
  const delegations = createDelegationsService({
    db,
    clock,
    newId,
    traces,
    outbox,
    patients,
    activation,
    publicUrl: config.publicUrl.replace(/\/$/, ''),
    // The "justificatif d'accès" is a document of the helped person, stored like any other.
    onAidantAccessStarted: async (input) => {
      const helped = await patients.find(input.patientId);
      const startedOn = parisDay(clock.now());
      const pdf = await justificatifPdf({
        helped: { firstName: helped?.first_name ?? '', lastName: helped?.last_name ?? '' },
        aidant: input.aidant,
        startedOn,
        endsOn: input.endsOn,
      });
      await documentsModule.uploads.addDocument({
        patientId: input.patientId,
        author: { type: 'system', id: null, name: 'Carnet' },
        actor: { type: 'system', id: null },
        fields: {
          title: `Justificatif d’accès aidant – ${input.aidant.firstName} ${input.aidant.lastName}`,
          date: startedOn,
          category: 'DOC_ADM',
        },
        file: {
          stream: Readable.from([pdf]),
          fileName: 'justificatif-acces-aidant.pdf',
          contentType: 'application/pdf',
        },
      });
    },
  });
  const actingPerson = createActingPersonResolver({
    sessions,
    cookie,
    delegations,
    patients,
    traces,
    db,
    clock,
  });
  // Professionals' access and the professional space (issue 4, ACCESS.md).
  const professionals = createProfessionalsService({ db, clock, newId });
  const habilitationMatrix = createHabilitationMatrixService({ db, clock });
  const accessGate = createAccessGate({
    clock,
    traces,
    patients,
    matrix: habilitationMatrix,
    medecinTraitantSeesMasked: config.medecinTraitantSeesMasked,
  });
  // Notifications e-mail (issue 5): called by the other modules inside their transactions.
  const notifications = createNotificationsService({
    db,
    clock,
    outbox,
    traces,
    patients,
    professionals,
    publicUrl: config.publicUrl.replace(/\/$/, ''),
  });
  const patientAccess = createPatientAccessService({
    db,
    clock,
    traces,
    patients,
    professionals,
    // The per-professional page lists what it added, as the titulaire may see it.
    documentsAddedBy: (patientId, psId) => documentsModule.documents.addedBy(patientId, psId),
  });
  const professionalAccess = createProfessionalAccessService({
    db,
    clock,
    newId,
    traces,
    patients,
    professionals,
    gate: accessGate,
    emergencyWindowMs: config.emergencyWindowMinutes * 60_000,
    notifyEmergency: (trx, input) => notifications.emergencyAccess(trx, input),
    notifyAccess: (trx, input) => notifications.professionalAccessed(trx, input),
  });
  // Historique d'activité and tamper evidence (issue 5); document titles as the titulaire sees them.
  const history = createHistoryService({
    db,
    traces,
    patients,
    professionals,
    documentTitles: {
      titlesOf: (patientId, ids, forLegalRepresentative) =>
        documentsModule.documents.titlesOf(patientId, ids, forLegalRepresentative),
    },
  });
  const verification = createVerificationService({ db, clock });
  // Documents: encrypted blobs, previews rendered by background jobs (issue 3).
  const blobs =
    overrides.blobs ?? createFsBlobStore({ root: join(resolve(config.dataDir), 'blobs'), clock });
  const jobs = createJobQueue({ clock, newId });
  const documentsModule = createDocumentsModule(
    {
      db,
      clock,
      newId,
      keyring,
      blobs,
      traces,
      jobs,
      previews: createPreviewRenderer(),
      maxDocumentBytes: config.maxDocumentBytes,
    },
    // The professional side: the access gate decides every read and write, in its transaction.
    { gate: accessGate, notifications },
  );
  const jobHandlers = {
    [PREVIEW_JOB]: documentsModule.previewJob,
    [DOCUMENT_AWAITING_JOB]: documentsModule.awaitingNoticeJob,
  };
  // Not started here: `carnet serve` starts its own with the app's logger; tests call runOnce().
  const jobWorker = createJobWorker({
    db,
    clock,
    queue: jobs,
    handlers: jobHandlers,
    logger: { warn: () => undefined, error: () => undefined },
  });
  return {
    config,
    blobs,
    jobs,
    jobHandlers,
    jobWorker,
    documents: documentsModule.documents,
    documentUploads: documentsModule.uploads,
    documentViews: documentsModule.views,
    proDocuments: documentsModule.professional,
    folders: documentsModule.folders,
    documentFiles: documentsModule.files,
    documentMaintenance: documentsModule.maintenance,
    history,
    notifications,
    verification,
    database,
    clock,
    newId,
    keyring,
    traces,
    outbox,
    patients,
    professionals,
    habilitationMatrix,
    accessGate,
    patientAccess,
    professionalAccess,
    professionalAccounts: createProfessionalAccountsService(accountsDeps),
    sessions,
    cookie,
    delegations,
    actingPerson,
    signIn: createSignInService({
      ...accountsDeps,
      professionals,
      notifyNewDevice: (trx, input) => notifications.newDevice(trx, input),
    }),
    activation,
    recovery: createRecoveryService(accountsDeps),
    accountSettings: createAccountSettingsService(accountsDeps),
  };
}

/** The wired services. */
export type AppDeps = ReturnType<typeof createDeps>;
