/**
 * The ITI-67 search parameters → the documents search's filters (IHE MHD ITI-67 §2:3.67.4.1.2):
 * patient / patient.identifier, status, type, category, date (ge/le/gt/lt/eq on the document's
 * date), author.identifier (RPPS), _count (1–100), _sort=-date, and our keyset `_cursor`.
 */
import type {
  DocumentCursor,
  DocumentSearchFilters,
} from '../modules/documents/documents-search.repository.ts';
import { MAX_SEARCH_PAGE } from '../modules/documents/pro-documents-search.service.ts';
import { categoriesOfCategoryToken, categoriesOfType, systems } from './document-codes.ts';
import type { CategoryCode } from './document-codes.ts';
import { fromFhirId } from './fhir-ids.ts';
import { FhirError } from './operation-outcome.ts';

/** The parameters ITI-67 accepts here. */
export const documentSearchParams = [
  'patient',
  'patient.identifier',
  'status',
  'type',
  'category',
  'date',
  'author.identifier',
  '_count',
  '_sort',
  '_cursor',
] as const;

/** The default page size. */
export const DEFAULT_COUNT = 20;

const invalid = (name: string, message: string) => new FhirError(400, 'value', message, name);

/** `system|code`, `|code` or `code` tokens of a comma-separated value. */
function tokens(value: string): { system: string | undefined; code: string }[] {
  return value.split(',').map((token) => {
    const bar = token.indexOf('|');
    return bar < 0
      ? { system: undefined, code: token }
      : { system: token.slice(0, bar) || undefined, code: token.slice(bar + 1) };
  });
}

/** Cursor of a next link: base64url of the last row's sort key. */
export const encodeCursor = (c: DocumentCursor): string =>
  Buffer.from(JSON.stringify([c.date, c.createdAt, c.id])).toString('base64url');

function decodeCursor(value: string): DocumentCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      parsed.every((x) => typeof x === 'string' && x.length <= 64)
    ) {
      const [date, createdAt, id] = parsed as [string, string, string];
      return { date, createdAt, id };
    }
  } catch {
    // answered below
  }
  throw invalid('_cursor', 'Lien de page invalide.');
}

/** What the search needs once parameters are read; `patient` is a reference or an INS. */
export interface DocumentSearchRequest {
  patient: { id: string } | { ins: string };
  /** Author RPPS numbers to resolve; an unknown one matches nothing. */
  authorRpps: string[] | undefined;
  /** False when `status` asks only for what a professional never sees (deleted, superseded). */
  statusMatches: boolean;
  filters: Omit<DocumentSearchFilters, 'authorIds'>;
}

const intersect = (a: CategoryCode[] | undefined, b: CategoryCode[]) =>
  a ? a.filter((x) => b.includes(x)) : b;

/** Reads the parameters of an ITI-67 search. */
export function readDocumentSearch(params: Map<string, string[]>): DocumentSearchRequest {
  const one = (name: string) => {
    const values = params.get(name);
    if (values && values.length > 1) throw invalid(name, `Le paramètre ${name} est répété.`);
    return values?.[0];
  };
  const patientRef = one('patient');
  const patientIdentifier = one('patient.identifier');
  let patient: DocumentSearchRequest['patient'];
  if (patientRef !== undefined) {
    const match = /(?:^|\/)(?:Patient\/)?([A-Za-z0-9\-.]{1,64})$/.exec(patientRef);
    patient = { id: (match && fromFhirId(match[1] ?? '', 'pat')) ?? 'pat_unknown' };
  } else if (patientIdentifier !== undefined) {
    const [token] = tokens(patientIdentifier);
    if (!token || token.system !== systems.ins)
      throw invalid('patient.identifier', `Identifiant attendu : ${systems.ins}|<INS>.`);
    patient = { ins: token.code };
  } else {
    throw new FhirError(
      400,
      'required',
      'Le paramètre patient ou patient.identifier est obligatoire.',
      'patient',
    );
  }

  let categories: CategoryCode[] | undefined;
  for (const value of params.get('type') ?? []) {
    const found = tokens(value).flatMap((t) =>
      t.system === undefined || t.system === systems.loinc ? categoriesOfType(t.code) : [],
    );
    categories = intersect(categories, found);
  }
  for (const value of params.get('category') ?? []) {
    categories = intersect(
      categories,
      tokens(value).flatMap((t) => categoriesOfCategoryToken(t.system, t.code)),
    );
  }

  let statusMatches = true;
  for (const value of params.get('status') ?? []) {
    const codes = tokens(value).map((t) => t.code);
    if (codes.some((c) => !['current', 'superseded', 'entered-in-error'].includes(c)))
      throw invalid('status', 'Statut inconnu : current, superseded ou entered-in-error.');
    if (!codes.includes('current')) statusMatches = false;
  }

  const filters: DocumentSearchRequest['filters'] = { categories, limit: DEFAULT_COUNT };
  for (const value of params.get('date') ?? []) {
    const match = /^(eq|ge|le|gt|lt)?(\d{4}-\d{2}-\d{2})(T[0-9:.+\-Z]*)?$/.exec(value);
    if (!match?.[2]) throw invalid('date', 'Date invalide : ge|le|gt|lt suivi de AAAA-MM-JJ.');
    const day = match[2];
    const prefix = match[1] ?? 'eq';
    if (prefix === 'eq' || prefix === 'ge' || prefix === 'gt')
      filters.from = { value: day, inclusive: prefix !== 'gt' };
    if (prefix === 'eq' || prefix === 'le' || prefix === 'lt')
      filters.to = { value: day, inclusive: prefix !== 'lt' };
  }

  let authorRpps: string[] | undefined;
  for (const value of params.get('author.identifier') ?? []) {
    const found = tokens(value)
      .filter((t) => t.system === undefined || t.system === systems.rpps)
      .map((t) => t.code);
    authorRpps = authorRpps ? authorRpps.filter((x) => found.includes(x)) : found;
  }

  const count = one('_count');
  if (count !== undefined) {
    const n = /^\d{1,4}$/.test(count) ? Number(count) : NaN;
    if (!(n >= 1 && n <= MAX_SEARCH_PAGE))
      throw invalid('_count', `_count va de 1 à ${MAX_SEARCH_PAGE}.`);
    filters.limit = n;
  }
  const sort = one('_sort');
  if (sort !== undefined && sort !== '-date')
    throw new FhirError(
      400,
      'not-supported',
      'Seul le tri _sort=-date est pris en charge.',
      '_sort',
    );
  const cursor = one('_cursor');
  if (cursor !== undefined) filters.after = decodeCursor(cursor);
  return { patient, authorRpps, statusMatches, filters };
}
