/**
 * The job that builds an archive: the ZIP is written by yazl entry by entry (each document opened
 * only when its turn comes), encrypted as it streams and stored by the blob store's atomic put, so
 * memory stays at a few segments whatever the record's size. The export turns `ready` only after
 * the whole archive is durable: a killed worker leaves it `running` and the job runs again once its
 * lease expires; a full disk fails the put, the job retries, and after its last attempt the export
 * is `failed` and its partial blob removed: no half archive is ever offered.
 */
import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import {
  createEncryptStream,
  generateDataKey,
  plaintextSize,
} from '../../platform/crypto/envelope.ts';
import type { Job, JobHandler } from '../../platform/jobs/job-worker.ts';
import { exportReadyMessage } from './exports.messages.ts';
import { composeSms } from './exports.sms.ts';
import type { ArchiveFile, Contribution } from './export-contributors.ts';
import { toBundle } from './export-fhir.ts';
import { summaryPdf } from './export-summary-pdf.ts';
import type { ExportsDeps } from './exports.service.ts';
import { EXPORT_LIFETIME_MS, exportAad, exportBlobKey, requesterOf } from './exports.service.ts';
import { createExportsRepository } from './exports.repository.ts';

/** Creates the handler of EXPORT_JOB. */
export function createExportArchiveJob(deps: ExportsDeps): JobHandler {
  const { db, clock } = deps;

  /** The ZIP of the contributions and the two generated files, as one stream. */
  function zipOf(
    files: ArchiveFile[],
    generated: Array<{ path: string; bytes: Buffer }>,
    onFileOpened: (n: number) => void,
  ): Readable {
    const zip = new ZipFile();
    let opened = 0;
    for (const file of files) {
      zip.addReadStreamLazy(file.path, {}, (callback) => {
        file.open().then(
          (stream) => {
            // yazl does not watch the streams it is given: an unreadable file fails the archive.
            stream.once('error', (error) => zip.emit('error', error));
            opened++;
            onFileOpened(opened);
            callback(null, stream);
          },
          (error: Error) => zip.emit('error', error),
        );
      });
    }
    for (const { path, bytes } of generated) zip.addBuffer(bytes, path);
    zip.end();
    const out = zip.outputStream as Readable;
    zip.once('error', (error: Error) => out.destroy(error));
    return out;
  }

  return {
    async run(job: Job) {
      const repository = createExportsRepository(db);
      const row = await repository.find(String(job.payload.exportId));
      if (!row || (row.status !== 'pending' && row.status !== 'running')) return;
      const patient = await deps.patients.find(row.patient_id);
      if (patient?.status !== 'active') {
        await repository.update(row.id, { status: 'failed' });
        return;
      }
      // The e-mail goes to whoever asked: the titulaire, or the representative of a minor.
      const requester =
        requesterOf(row) === patient.id ? patient : await deps.patients.find(requesterOf(row));
      await repository.update(row.id, { status: 'running', progress: 1 });
      const now = clock.now();
      const viewer = { legalRepresentative: row.requester_role === 'representant-legal' };
      const contributions: Contribution[] = [];
      for (const contributor of deps.contributors())
        contributions.push(await contributor.contribute({ patient, now, viewer }));
      const files = contributions.flatMap((c) => c.files);
      const bundle = toBundle(
        contributions.flatMap((c) => c.resources),
        now,
      );
      const pdf = await summaryPdf({
        patientName: `${patient.first_name} ${patient.last_name}`,
        generatedAt: now,
        sections: contributions.flatMap((c) => (c.summary ? [c.summary] : [])),
      });
      await repository.update(row.id, { progress: 5 });

      const dataKey = generateDataKey();
      try {
        let lastShown = 5;
        const zip = zipOf(
          files,
          [
            { path: 'profil.fhir.json', bytes: Buffer.from(JSON.stringify(bundle, null, 2)) },
            { path: 'resume.pdf', bytes: pdf },
          ],
          (opened) => {
            const progress = Math.min(
              95,
              5 + Math.floor((90 * opened) / Math.max(1, files.length)),
            );
            if (progress - lastShown < 5 && opened !== files.length) return;
            lastShown = progress;
            void repository.update(row.id, { progress }).catch(() => undefined);
          },
        );
        const encrypted = pipeline(
          zip,
          createEncryptStream({ key: dataKey, aad: exportAad(row) }),
          () => undefined,
        );
        const { size } = await deps.blobs.put(exportBlobKey(row.id), encrypted);
        const wrapped = deps.keyring.wrapKey(dataKey);
        const expiresAt = new Date(clock.now().getTime() + EXPORT_LIFETIME_MS);
        await db.transaction().execute(async (trx) => {
          await createExportsRepository(trx).update(row.id, {
            status: 'ready',
            progress: 100,
            ready_at: clock.now().toISOString(),
            expires_at: expiresAt.toISOString(),
            blob_key: exportBlobKey(row.id),
            wrapped_key: wrapped.wrapped.toString('base64'),
            kek_version: wrapped.kekVersion,
            size: plaintextSize(size) ?? size,
          });
          const message = requester?.email
            ? exportReadyMessage({
                to: requester.email,
                firstName: requester.first_name,
                publicUrl: deps.publicUrl,
                expiresAt,
                ...(requester.id === patient.id ? {} : { profileFirstName: patient.first_name }),
              })
            : requester?.mobile
              ? composeSms(requester.mobile)
              : undefined;
          if (message) await deps.outbox.enqueue(trx, message, requester?.id ?? patient.id);
        });
      } finally {
        dataKey.fill(0);
      }
    },

    async giveUp(job: Job) {
      const repository = createExportsRepository(db);
      const row = await repository.find(String(job.payload.exportId));
      if (!row || row.status === 'ready') return;
      await repository.update(row.id, { status: 'failed' });
      await deps.blobs.delete(exportBlobKey(row.id));
    },
  };
}
