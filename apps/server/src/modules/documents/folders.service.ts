/** The patient's folders: list, create, rename, delete (its documents move to no folder). */
import type { Folder } from '@carnet/shared';
import { cleanLine } from '../../platform/files/file-names.ts';
import { notFound } from '../../platform/http/app-error.ts';
import type { Db } from '../../platform/db/schema.ts';
import type { DocumentsDeps } from './documents.deps.ts';
import type { DocumentActor } from './documents.policy.ts';
import { traceActor } from './documents.policy.ts';
import { createDocumentsRepository } from './documents.repository.ts';
import { createFoldersRepository } from './folders.repository.ts';

/** Creates the folders service. */
export function createFoldersService(
  deps: Pick<DocumentsDeps, 'db' | 'clock' | 'newId' | 'traces'>,
) {
  const { db, clock } = deps;

  const trace = (
    on: Db,
    actor: DocumentActor,
    action: string,
    id: string,
    details?: Record<string, number>,
  ) =>
    deps.traces.append(on, {
      patientId: actor.patientId,
      actor: traceActor(actor),
      action,
      target: { type: 'folder', id },
      ...(details ? { details } : {}),
    });

  async function list(actor: DocumentActor): Promise<Folder[]> {
    const rows = await createFoldersRepository(db).list(actor.patientId);
    return rows.map((r) => ({ id: r.id, name: r.name, documentCount: Number(r.document_count) }));
  }

  async function one(actor: DocumentActor, id: string): Promise<Folder> {
    const folder = (await list(actor)).find((f) => f.id === id);
    if (!folder) throw notFound();
    return folder;
  }

  return {
    list,

    /** Creates a folder; traced `folder.create`. */
    async create(actor: DocumentActor, name: string): Promise<Folder> {
      const id = deps.newId('fld');
      const now = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await createFoldersRepository(trx).insert({
          id,
          patient_id: actor.patientId,
          name: cleanLine(name),
          created_at: now,
          updated_at: now,
        });
        await trace(trx, actor, 'folder.create', id);
      });
      return one(actor, id);
    },

    /** Renames a folder of this patient (another patient's answers 404); traced `folder.rename`. */
    async rename(actor: DocumentActor, id: string, name: string): Promise<Folder> {
      await db.transaction().execute(async (trx) => {
        const folders = createFoldersRepository(trx);
        if (!(await folders.find(actor.patientId, id))) throw notFound();
        await folders.rename(actor.patientId, id, cleanLine(name), clock.now().toISOString());
        await trace(trx, actor, 'folder.rename', id);
      });
      return one(actor, id);
    },

    /** Deletes a folder; its documents stay, in no folder. Traced `folder.delete`. */
    async remove(actor: DocumentActor, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const folders = createFoldersRepository(trx);
        if (!(await folders.find(actor.patientId, id))) throw notFound();
        const moved = await createDocumentsRepository(trx).clearFolder(
          actor.patientId,
          id,
          clock.now().toISOString(),
        );
        await folders.remove(actor.patientId, id);
        await trace(trx, actor, 'folder.delete', id, { movedDocuments: moved });
      });
    },
  };
}

/** The folders service. */
export type FoldersService = ReturnType<typeof createFoldersService>;
