/**
 * ITI-65 Provide Document Bundle, read (IHE MHD ITI-65 §2:3.65.4.1): a `transaction` Bundle of one
 * SubmissionSet List, one or more DocumentReferences and their Binary (or inline `attachment.data`).
 * Everything is checked here before a byte is written: structure, references resolved inside the
 * Bundle, one patient, sizes and SHA-1 hashes against the decoded bytes, security labels.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { SubmissionSetInput } from '../modules/documents/pro-document-bundle.service.ts';
import { acceptedTypes } from '../platform/files/file-types.ts';
import { categoryOf, systems } from './document-codes.ts';
import { fromFhirId } from './fhir-ids.ts';
import { FhirError } from './operation-outcome.ts';

/** The most documents one Bundle may provide. */
export const MAX_BUNDLE_DOCUMENTS = 10;

const coding = z.object({ system: z.string().optional(), code: z.string().optional() });
const codeable = z.object({ coding: z.array(coding).max(20).optional() });
const reference = z.object({ reference: z.string().max(300).optional() });
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 invalide');

const attachment = z.object({
  contentType: z.string().max(100),
  data: base64.optional(),
  url: z.string().max(300).optional(),
  size: z.number().int().nonnegative().optional(),
  hash: base64.optional(),
  title: z.string().max(500).optional(),
  creation: z.string().max(40).optional(),
});
const documentReference = z.object({
  resourceType: z.literal('DocumentReference'),
  status: z.literal('current'),
  subject: reference,
  type: codeable.optional(),
  category: z.array(codeable).max(10).optional(),
  securityLabel: z.array(codeable).max(10).optional(),
  description: z.string().max(500).optional(),
  content: z.array(z.object({ attachment })).length(1),
  context: z
    .object({ period: z.object({ start: z.string().max(40).optional() }).optional() })
    .optional(),
});
const list = z.object({
  resourceType: z.literal('List'),
  status: z.literal('current'),
  mode: z.literal('working'),
  subject: reference,
  // MHD SubmissionSet uniqueId (use = usual) beside its entryUUID (use = official).
  identifier: z
    .array(
      z.object({
        use: z.string().optional(),
        system: z.string().max(300).optional(),
        value: z.string().max(200).optional(),
      }),
    )
    .max(10)
    .optional(),
  date: z.string().max(40).optional(),
  entry: z
    .array(z.object({ item: reference }))
    .min(1)
    .max(MAX_BUNDLE_DOCUMENTS),
});
const binary = z.object({
  resourceType: z.literal('Binary'),
  contentType: z.string().max(100),
  data: base64,
});
const entry = z.object({
  fullUrl: z.string().max(300).optional(),
  resource: z.object({ resourceType: z.string() }).passthrough(),
  request: z.object({ method: z.literal('POST'), url: z.string().max(100) }),
});
const bundle = z.object({
  resourceType: z.literal('Bundle'),
  type: z.string(),
  entry: z
    .array(z.unknown())
    .min(2)
    .max(2 * MAX_BUNDLE_DOCUMENTS + 1),
});

/** One document to add, ready for the documents module. */
export interface ProvidedDocument {
  bytes: Buffer;
  contentType: string;
  fileName: string;
  fields: Record<string, string>;
}

/** The plan of a provide: the patient, the documents, and what each Bundle entry becomes. */
export interface ProvidePlan {
  patientId: string;
  /** What is stored of the SubmissionSet List (its author is the PS of the token). */
  submission: SubmissionSetInput;
  documents: ProvidedDocument[];
  /** Per Bundle entry, in order: which document it stands for (index), and its kind. */
  entries: { kind: 'List' | 'DocumentReference' | 'Binary'; document: number | undefined }[];
}

const invalid = (message: string, expression?: string) =>
  new FhirError(400, 'invalid', message, expression);
const unprocessable = (message: string, expression?: string) =>
  new FhirError(422, 'processing', message, expression);

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = [where, ...(issue?.path ?? []).map(String)].join('.');
    throw invalid(`Ressource invalide (${path}) : ${issue?.message ?? 'valeur invalide'}.`, path);
  }
  return result.data;
}

/** The patient id of a `Patient/<id>` reference (relative or absolute). */
function patientOf(ref: string | undefined): string | undefined {
  const match = ref ? /(?:^|\/)Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(ref) : null;
  return match?.[1] ? fromFhirId(match[1], 'pat') : undefined;
}

/** The file name our inspector checks a declared type with. */
function fileNameOf(contentType: string): string {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const found = Object.values(acceptedTypes).find((t) => t.declared.includes(type));
  if (!found)
    throw new FhirError(
      415,
      'not-supported',
      `Type de document non accepté : ${type}.`,
      'contentType',
    );
  return `document.${found.extensions[0]}`;
}

/** A YYYY-MM-DD of a FHIR date or dateTime. */
const dayOf = (value: string | undefined) =>
  value ? /^\d{4}-\d{2}-\d{2}/.exec(value)?.[0] : undefined;

/** Reads and checks an ITI-65 Bundle; throws an OperationOutcome-able error before any write. */
export function readProvideBundle(body: unknown, options: { maxBytes: number }): ProvidePlan {
  const root = parse(bundle, body, 'Bundle');
  if (root.type !== 'transaction')
    throw invalid('Un Bundle de type « transaction » est attendu.', 'Bundle.type');
  const entries = root.entry.map((e, i) => parse(entry, e, `Bundle.entry[${i}]`));
  const byFullUrl = new Map(
    entries.flatMap((e, i) => (e.fullUrl ? [[e.fullUrl, i] as const] : [])),
  );
  const resolve = (ref: string | undefined, where: string) => {
    const at = ref === undefined ? undefined : byFullUrl.get(ref);
    if (at === undefined)
      throw unprocessable(
        `La référence ${ref ?? '(vide)'} ne se résout pas dans le Bundle.`,
        where,
      );
    return at;
  };

  const lists = entries.flatMap((e, i) => (e.resource.resourceType === 'List' ? [i] : []));
  if (lists.length !== 1) throw invalid('Le Bundle contient exactement une liste SubmissionSet.');
  const listIndex = lists[0]!;
  const submission = parse(list, entries[listIndex]!.resource, 'List');
  const patientId = patientOf(submission.subject.reference);
  if (!patientId)
    throw unprocessable('Le patient de la SubmissionSet est introuvable.', 'List.subject');

  const kinds: ProvidePlan['entries'] = entries.map((e) => {
    const kind = e.resource.resourceType;
    if (kind !== 'List' && kind !== 'DocumentReference' && kind !== 'Binary')
      throw invalid(`Ressource non prise en charge dans le Bundle : ${kind}.`);
    return { kind, document: undefined };
  });
  const listed = submission.entry.map((item, i) =>
    resolve(item.item.reference, `List.entry[${i}].item`),
  );
  const referenceIndexes = entries.flatMap((e, i) =>
    e.resource.resourceType === 'DocumentReference' ? [i] : [],
  );
  if (
    listed.length !== referenceIndexes.length ||
    !referenceIndexes.every((i) => listed.includes(i))
  )
    throw unprocessable(
      'La SubmissionSet doit lister chaque DocumentReference du Bundle.',
      'List.entry',
    );

  const documents: ProvidedDocument[] = [];
  for (const at of referenceIndexes) {
    const where = `Bundle.entry[${at}].resource`;
    const doc = parse(documentReference, entries[at]!.resource, where);
    if (patientOf(doc.subject.reference) !== patientId)
      throw unprocessable(
        'Un document concerne un autre patient que sa SubmissionSet.',
        `${where}.subject`,
      );
    const file = doc.content[0]!.attachment;
    let data = file.data;
    if (data === undefined) {
      const binaryAt = resolve(file.url, `${where}.content[0].attachment.url`);
      const stored = parse(
        binary,
        entries[binaryAt]!.resource,
        `Bundle.entry[${binaryAt}].resource`,
      );
      if (kinds[binaryAt]!.document !== undefined)
        throw unprocessable('Un même Binary sert à deux documents.', `Bundle.entry[${binaryAt}]`);
      kinds[binaryAt]!.document = documents.length;
      data = stored.data;
    }
    // Decoded size is known from the base64 length: refuse before decoding a huge string.
    if (Math.floor((data.length * 3) / 4) - 2 > options.maxBytes)
      throw new FhirError(413, 'too-costly', 'Le document dépasse la taille autorisée.', where);
    const bytes = Buffer.from(data, 'base64');
    if (bytes.length > options.maxBytes)
      throw new FhirError(413, 'too-costly', 'Le document dépasse la taille autorisée.', where);
    if (file.size !== undefined && file.size !== bytes.length)
      throw unprocessable(
        'La taille déclarée ne correspond pas au contenu.',
        `${where}.content[0].attachment.size`,
      );
    if (file.hash !== undefined && file.hash !== createHash('sha1').update(bytes).digest('base64'))
      throw unprocessable(
        'L’empreinte SHA-1 déclarée ne correspond pas au contenu.',
        `${where}.content[0].attachment.hash`,
      );
    const labels = (doc.securityLabel ?? []).flatMap((l) => l.coding ?? []);
    const masked = labels.some(
      (c) => c.system === systems.dmpConfidentiality && c.code === 'MASQUE_PS',
    );
    const invisible = labels.some(
      (c) => c.system === systems.dmpConfidentiality && c.code === 'INVISIBLE_PATIENT',
    );
    // The minor's secret; the documents service refuses it for an adult patient (issue 13).
    const invisibleToLegalReps = labels.some(
      (c) => c.system === systems.dmpConfidentiality && c.code === 'INVISIBLE_REPRESENTANTS_LEGAUX',
    );
    if (masked && invisible)
      throw unprocessable(
        'Un document ne peut pas être à la fois masqué aux professionnels et invisible au patient.',
        `${where}.securityLabel`,
      );
    const title = (file.title ?? doc.description ?? '').trim();
    if (!title)
      throw invalid(
        'Le titre du document est obligatoire (attachment.title).',
        `${where}.content[0].attachment.title`,
      );
    const date = dayOf(file.creation) ?? dayOf(doc.context?.period?.start);
    kinds[at]!.document = documents.length;
    documents.push({
      bytes,
      contentType: file.contentType,
      fileName: fileNameOf(file.contentType),
      fields: {
        title,
        category: categoryOf({
          typeCodes: doc.type?.coding ?? [],
          categoryCodes: (doc.category ?? []).flatMap((c) => c.coding ?? []),
        }),
        ...(date ? { date } : {}),
        ...(masked ? { confidentiality: 'masque' } : {}),
        ...(invisible ? { invisibleToPatient: 'true' } : {}),
        ...(invisibleToLegalReps ? { invisibleToLegalRepresentatives: 'true' } : {}),
      },
    });
  }
  const orphan = kinds.findIndex((k) => k.kind === 'Binary' && k.document === undefined);
  if (orphan >= 0)
    throw unprocessable(
      'Un Binary du Bundle n’est référencé par aucun document.',
      `Bundle.entry[${orphan}]`,
    );
  const uniqueId =
    submission.identifier?.find((i) => i.use === 'usual' && i.value) ??
    submission.identifier?.find((i) => i.use !== 'official' && i.value);
  return {
    patientId,
    submission: {
      ...(uniqueId?.value ? { uniqueId: { system: uniqueId.system, value: uniqueId.value } } : {}),
      ...(submission.date ? { date: submission.date } : {}),
    },
    documents,
    entries: kinds,
  };
}
