/** Test helpers of the messaging: a record with Ndiaye authorized, multipart sends. */
import { givenGrant } from '../../../test/access-builders.ts';
import type { TestApp, TestClient } from '../../../test/test-app.ts';
import { multipart } from '../documents/documents.test-support.ts';
import type { Part } from '../documents/documents.test-support.ts';
import { givenInayaAndNdiaye } from '../documents/pro-documents.test-support.ts';

/** A file part. */
export interface FilePart {
  filename: string;
  contentType?: string;
  data: Buffer;
}

/** Posts a multipart message with `client`'s session. */
export function sendMessage(
  t: TestApp,
  client: TestClient,
  url: string,
  fields: Array<[string, string]>,
  files: FilePart[] = [],
) {
  const parts: Part[] = fields.map(([name, value]) => ({ name, value }));
  for (const file of files) parts.push({ name: 'file', ...file });
  const body = multipart(parts);
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-carnet-request': '1',
      'content-type': body.contentType,
    },
    payload: body.payload,
  });
}

/** `/api/pro/patients/:patientId/conversations`. */
export const startUrl = (patientId: string) => `/api/pro/patients/${patientId}/conversations`;

/** Inaya, Ndiaye authorized on her record, both signed in. */
export async function givenConversationWorld(t: TestApp) {
  const w = await givenInayaAndNdiaye(t);
  await givenGrant(t, w.patientId, w.psId, 'authorized');
  return w;
}

/** Ndiaye starts a conversation with Inaya; its id. */
export async function givenConversation(
  t: TestApp,
  w: Awaited<ReturnType<typeof givenConversationWorld>>,
  input: { subject?: string; body?: string; files?: FilePart[] } = {},
): Promise<string> {
  const res = await sendMessage(
    t,
    w.ndiayeClient,
    startUrl(w.patientId),
    [
      ['subject', input.subject ?? 'Résultats de votre bilan'],
      ['body', input.body ?? 'Bonjour, voici vos résultats.'],
    ],
    input.files,
  );
  if (res.statusCode !== 201) throw new Error(`start answered ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

/** Counts of the messaging rows and attachment blobs: nothing may be stored half-way. */
export async function storedCounts(t: TestApp) {
  const db = t.deps.database.db;
  const count = async (table: 'conversations' | 'messages' | 'message_attachments') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select(db.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  let blobs = 0;
  for await (const entry of t.deps.blobs.list()) if (entry.key.startsWith('messages/')) blobs++;
  return {
    conversations: await count('conversations'),
    messages: await count('messages'),
    attachments: await count('message_attachments'),
    blobs,
  };
}
