/**
 * Fast bulk seeding of the benchmarks' stores: documents and their versions written by multi-row
 * inserts in large transactions (a million rows in minutes, not hours). No blobs: the list and
 * search benchmarks read metadata only.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../apps/server/src/platform/db/schema.ts';

const categories = ['CPT_REND', 'ORD_SOIN', 'RADIO_SC', 'BIOLOGIE', 'AUTR_DOC'];
const ROWS_PER_INSERT = 400;
const ROWS_PER_TRANSACTION = 20_000;

/** Adds `count` documents (each with one version) to a patient; ids start with `prefix`. */
export async function addDocuments(
  db: Kysely<Database>,
  patientId: string,
  count: number,
  prefix: string,
): Promise<void> {
  for (let start = 0; start < count; start += ROWS_PER_TRANSACTION) {
    const end = Math.min(count, start + ROWS_PER_TRANSACTION);
    await db.transaction().execute(async (trx) => {
      for (let from = start; from < end; from += ROWS_PER_INSERT) {
        const to = Math.min(end, from + ROWS_PER_INSERT);
        const docs = [];
        const versions = [];
        for (let i = from; i < to; i++) {
          const id = `doc_${prefix}${i.toString(36).padStart(7, '0')}`;
          const day = new Date(Date.UTC(2010, 0, 1) + (i % 5000) * 86_400_000);
          const at = day.toISOString();
          const title = `Compte rendu ${i}`;
          docs.push({
            id,
            patient_id: patientId,
            title,
            title_search: title.toLowerCase(),
            doc_date: at.slice(0, 10),
            category: categories[i % categories.length]!,
            confidentiality: i % 20 === 0 ? ('masque' as const) : ('visible' as const),
            invisible_to_patient_until: null,
            invisible_to_legal_reps: 0,
            folder_id: null,
            pinned: 0,
            author_type: 'patient' as const,
            author_id: patientId,
            author_name: null,
            author_profession: null,
            current_version: 1,
            created_at: at,
            updated_at: at,
            deleted_at: null,
          });
          versions.push({
            id: `ver_${prefix}${i.toString(36).padStart(7, '0')}`,
            patient_id: patientId,
            document_id: id,
            version: 1,
            blob_key: `bench/${id}`,
            mime_type: 'application/pdf',
            file_name: `compte-rendu-${i}.pdf`,
            size: 120_000 + i,
            sha256: '0'.repeat(64),
            wrapped_key: '',
            kek_version: 'v1',
            preview_status: 'none' as const,
            preview_kind: null,
            page_count: 1,
            has_thumbnail: 0,
            created_at: at,
          });
        }
        await trx.insertInto('documents').values(docs).execute();
        await trx.insertInto('document_versions').values(versions).execute();
      }
    });
  }
}

/** Adds `count` documents spread over new patients of 1,000 documents each (the store grows). */
export async function addFillerPatients(
  db: Kysely<Database>,
  count: number,
  already: number,
): Promise<void> {
  const perPatient = 1000;
  for (let done = 0; done < count; done += perPatient) {
    const n = already + done;
    const id = `pat_fill${n.toString(36)}`;
    const at = new Date().toISOString();
    await db
      .insertInto('patients')
      .values({
        id,
        ins: `1${String(n).padStart(14, '0')}`,
        first_name: 'Filler',
        last_name: `Patient ${n}`,
        birth_date: '1970-01-01',
        email: null,
        mobile: null,
        status: 'active',
        created_at: at,
        updated_at: at,
      })
      .execute();
    await addDocuments(db, id, Math.min(perPatient, count - done), `f${n.toString(36)}_`);
  }
}
