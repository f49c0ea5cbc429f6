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
import type { BlobStore } from './platform/blobs/blob-store.ts';
import { createFsBlobStore } from './platform/blobs/fs-blob-store.ts';
import { createS3BlobStore } from './platform/blobs/s3-blob-store.ts';
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
import { createApiTokensService } from './modules/api-tokens/api-tokens.service.ts';
import { createOAuthService } from './modules/oauth/oauth.service.ts';
import { VACCINATION_REMINDER_JOB } from './modules/profile/profile.deps.ts';
import { createProfileModule } from './modules/profile/profile.module.ts';
import { createMessageFiles } from './modules/messaging/message-files.ts';
import { createMessagingModule } from './modules/messaging/messaging.module.ts';
import { createMessagingEraser } from './modules/messaging/messaging-erasure.ts';
import { profileEraser } from './modules/profile/profile-erasure.ts';
import { createProfileExportPort } from './modules/profile/profile-export.ts';
import { notificationsEraser } from './modules/notifications/notifications-erasure.ts';
import { accessEraser } from './modules/access/access-erasure.ts';
import { createAccountsEraser } from './modules/accounts/accounts-erasure.ts';
import { createClosureService } from './modules/accounts/closure.service.ts';
import { createOppositionAttestations } from './modules/accounts/opposition-attestation.ts';
import { createProfessionalRecoveryService } from './modules/accounts/professional-recovery.service.ts';
import { createLifecycleService } from './modules/lifecycle/lifecycle.service.ts';
import type { RecordEraser } from './modules/lifecycle/lifecycle.service.ts';
import {
  LIFECYCLE_SWEEP_JOB,
  createLifecycleSweepJob,
} from './modules/lifecycle/lifecycle-sweep.job.ts';
import { createExportArchiveJob } from './modules/exports/export-archive.job.ts';
import type { ExportContributor } from './modules/exports/export-contributors.ts';
import {
  documentsContributor,
  profileContributor,
  historyContributor,
  patientContributor,
} from './modules/exports/export-core-contributors.ts';
import { EXPORT_JOB, createExportsService } from './modules/exports/exports.service.ts';
import type { ExportsDeps } from './modules/exports/exports.service.ts';
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
  blobs?: BlobStore;
}

/** The blob store the configuration names: S3 when CARNET_S3_BUCKET is set, else <data>/blobs. */
export function openConfiguredBlobStore(config: Config, clock: Clock = systemClock): BlobStore {
  if (config.s3Bucket)
    return createS3BlobStore({
      bucket: config.s3Bucket,
      endpoint: config.s3Endpoint || undefined,
      region: config.s3Region || undefined,
      accessKeyId: config.s3AccessKeyId || undefined,
      secretAccessKey: config.s3SecretAccessKey || undefined,
      clock,
    });
  return createFsBlobStore({ root: join(resolve(config.dataDir), 'blobs'), clock });
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
  // Closure, retention and erasure of records (issue 14); each module holding record data erases its part.
  const lifecycle = createLifecycleService({
    db,
    clock,
    traces,
    deletionDelayDays: config.deletionDelayDays,
    erasers: (): RecordEraser[] => [
      documentsModule.eraser,
      exports.eraser,
      createMessagingEraser(blobs),
      profileEraser,
      accessEraser,
      notificationsEraser,
      createAccountsEraser({ clock }),
      // Mail and SMS about the record still waiting in the outbox (sealed payloads) go too.
      {
        erase: async (trx, patientId) => {
          await outbox.eraseUnsent(trx, patientId);
          return undefined;
        },
      },
    ],
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
    onActivated: (trx, patientId) => lifecycle.cancel(trx, patientId),
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
  const blobs: BlobStore = overrides.blobs ?? openConfiguredBlobStore(config, clock);
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
    {
      gate: accessGate,
      notifications,
      minors: { isMinor: (patientId, on) => delegations.isMinor(patientId, on) },
    },
  );
  const professionalAccounts = createProfessionalAccountsService(accountsDeps);
  // Bearer tokens of professional software (FHIR API, issue 10).
  const apiTokens = createApiTokensService({
    db,
    clock,
    newId,
    traces,
    professionals,
    hasAccount: (professionalId) => professionalAccounts.hasAccount(professionalId),
  });
  // OAuth 2.0 authorization code + PKCE for professional software (issue 10): keys derived from
  // the master key (sealing of stored state, cookie signing, token signing), none printed.
  const oauth = createOAuthService({
    db,
    clock,
    newId,
    traces,
    professionals,
    hasAccount: (professionalId) => professionalAccounts.hasAccount(professionalId),
    publicUrl: config.publicUrl,
    keys: {
      seal: keyring.deriveKey('carnet/oauth-entries'),
      cookies: keyring.deriveKey('carnet/oauth-cookies'),
      signing: keyring.deriveKey('carnet/oauth-signing'),
    },
    trustProxy: config.trustProxy,
  });
  // Medical profile (issue 11): PS reads through the access gate, the synthèse saved as a document.
  const profileModule = createProfileModule({
    db,
    clock,
    newId,
    traces,
    jobs,
    patients,
    gate: accessGate,
    notifications,
    documents: {
      maskNewByDefault: async (patientId) =>
        (await documentsModule.documents.getSettings({ type: 'patient', patientId }))
          .maskNewDocumentsByDefault,
      categoryOf: async (on, patientId, documentId) =>
        (
          await documentsModule.documents
            .getVisible({ type: 'patient', patientId }, documentId, on)
            .catch(() => undefined)
        )?.category,
      saveSynthese: (patientId, pdf) =>
        documentsModule.uploads.addDocument({
          patientId,
          author: { type: 'patient' },
          actor: { type: 'patient', id: patientId },
          fields: { title: 'Synthèse médicale', category: 'SYNTH_PML' },
          file: {
            stream: Readable.from([pdf]),
            fileName: 'synthese-medicale.pdf',
            contentType: 'application/pdf',
          },
        }),
    },
  });
  // Secure messaging (issue 12): attachments use the documents' blob store and envelope layer.
  const messaging = createMessagingModule({
    db,
    clock,
    newId,
    traces,
    blobs,
    files: createMessageFiles({ keyring, blobs, newId }),
    maxFileBytes: config.maxDocumentBytes,
    gate: accessGate,
    patients,
    professionals,
    notifications,
    documents: {
      async openOwn(patientId, documentId) {
        const actor = { type: 'patient' as const, patientId };
        const row = await documentsModule.documents.getVisible(actor, documentId);
        const file = await documentsModule.views.open.download(row);
        return { stream: file.stream, fileName: file.fileName, contentType: file.contentType };
      },
      addFromMessage: (input) =>
        documentsModule.uploads.addDocument({
          patientId: input.patientId,
          author: input.author,
          actor: { type: 'patient', id: input.patientId },
          fields: { title: input.title, category: input.category },
          file: input.file,
        }),
    },
  });
  // Télécharger mes données (issue 14): the archive's content comes from these contributors.
  const exportContributors: ExportContributor[] = [
    patientContributor,
    documentsContributor(documentsModule.exportPort),
    profileContributor(createProfileExportPort(db)),
    historyContributor(history),
  ];
  const exportsDeps: ExportsDeps = {
    db,
    clock,
    newId,
    keyring,
    blobs,
    traces,
    jobs,
    outbox,
    patients,
    publicUrl: config.publicUrl.replace(/\/$/, ''),
    contributors: () => exportContributors,
  };
  const exports = createExportsService(exportsDeps);
  const lifecycleSweep = createLifecycleSweepJob({
    db,
    clock,
    jobs,
    sweeps: [() => lifecycle.sweep(), () => exports.sweepExpired()],
  });
  const jobHandlers = {
    [PREVIEW_JOB]: documentsModule.previewJob,
    [DOCUMENT_AWAITING_JOB]: documentsModule.awaitingNoticeJob,
    [VACCINATION_REMINDER_JOB]: profileModule.reminderJob,
    [EXPORT_JOB]: createExportArchiveJob(exportsDeps),
    [LIFECYCLE_SWEEP_JOB]: lifecycleSweep.handler,
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
    profile: profileModule.profile,
    proProfile: profileModule.professional,
    synthese: profileModule.synthese,
    documentUploads: documentsModule.uploads,
    documentViews: documentsModule.views,
    proDocuments: documentsModule.professional,
    folders: documentsModule.folders,
    documentFiles: documentsModule.files,
    documentMaintenance: documentsModule.maintenance,
    history,
    notifications,
    messaging,
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
    professionalAccounts,
    apiTokens,
    oauth,
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
    oppositionAttestations: createOppositionAttestations(accountsDeps),
    professionalRecovery: createProfessionalRecoveryService({ ...accountsDeps, professionals }),
    lifecycle,
    lifecycleSweep,
    exports,
    closure: createClosureService({
      ...accountsDeps,
      lifecycle,
      notifyClosure: (trx, input) => notifications.closure(trx, input),
    }),
  };
}

/** The wired services. */
export type AppDeps = ReturnType<typeof createDeps>;
