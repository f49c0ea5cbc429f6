/**
 * Import file of the directory: CSV (`;` or `,`, RFC 4180 quotes, UTF-8 with or without BOM) with
 * the header `rpps;nom;prenom;profession;specialite;regulateur;email` (English names accepted).
 */
import { professions } from '@carnet/shared';
import type { Profession } from '@carnet/shared';
import { z } from 'zod';
import type { NewProfessional } from './professionals.service.ts';

/** A problem on one line of the file (1-based, header is line 1). */
export interface CsvProblem {
  line: number;
  message: string;
}

/** The parsed file: entries, or every problem found. */
export type ParsedProfessionals =
  { ok: true; entries: NewProfessional[] } | { ok: false; problems: CsvProblem[] };

const columns = {
  rpps: ['rpps'],
  lastName: ['nom', 'last_name', 'lastname'],
  firstName: ['prenom', 'prénom', 'first_name', 'firstname'],
  profession: ['profession'],
  specialty: ['specialite', 'spécialité', 'specialty'],
  regulator: ['regulateur', 'régulateur', 'regulator'],
  email: ['email', 'e-mail', 'courriel'],
} as const;
type Column = keyof typeof columns;
const required: Column[] = ['rpps', 'lastName', 'firstName', 'profession'];

const yes = new Set(['1', 'true', 'oui', 'yes', 'o', 'x']);
const no = new Set(['', '0', 'false', 'non', 'no', 'n']);

const entrySchema = z.object({
  rpps: z.string().regex(/^\d{11}$/, 'le numéro RPPS comporte 11 chiffres'),
  lastName: z.string().min(1, 'le nom est vide').max(100),
  firstName: z.string().min(1, 'le prénom est vide').max(100),
  profession: z.enum(Object.keys(professions) as [Profession, ...Profession[]], {
    error: `profession inconnue (attendu : ${Object.keys(professions).join(', ')})`,
  }),
  specialty: z.string().max(100),
  regulator: z.string().refine((v) => yes.has(v) || no.has(v), 'régulateur : oui ou non'),
  email: z.union([z.literal(''), z.email('adresse e-mail invalide')]),
});

/** Splits CSV text into records of fields (quoted fields may hold separators and newlines). */
export function splitCsv(text: string, separator: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** Parses and validates the whole file; nothing is imported unless every line is valid. */
export function parseProfessionalsCsv(raw: string): ParsedProfessionals {
  const text = raw.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const separator = firstLine.split(';').length >= firstLine.split(',').length ? ';' : ',';
  const [header, ...rows] = splitCsv(text, separator);
  if (!header) return { ok: false, problems: [{ line: 1, message: 'fichier vide' }] };
  const names = header.map((h) => h.trim().toLowerCase());
  const index = {} as Record<Column, number>;
  for (const [column, aliases] of Object.entries(columns) as Array<[Column, readonly string[]]>)
    index[column] = names.findIndex((n) => aliases.includes(n));
  const missing = required.filter((c) => index[c] < 0);
  if (missing.length > 0)
    return {
      ok: false,
      problems: [
        {
          line: 1,
          message: `colonnes manquantes : ${missing.map((c) => columns[c][0]).join(', ')}`,
        },
      ],
    };
  const problems: CsvProblem[] = [];
  const entries: NewProfessional[] = [];
  const seen = new Map<string, number>();
  rows.forEach((fields, i) => {
    const line = i + 2;
    if (fields.every((f) => f.trim() === '')) return;
    const cell = (c: Column) => (index[c] >= 0 ? (fields[index[c]] ?? '').trim() : '');
    const parsed = entrySchema.safeParse({
      rpps: cell('rpps'),
      lastName: cell('lastName'),
      firstName: cell('firstName'),
      profession: cell('profession').toLowerCase(),
      specialty: cell('specialty'),
      regulator: cell('regulator').toLowerCase(),
      email: cell('email').toLowerCase(),
    });
    if (!parsed.success) {
      problems.push({ line, message: parsed.error.issues.map((x) => x.message).join(' ; ') });
      return;
    }
    const previous = seen.get(parsed.data.rpps);
    if (previous) {
      problems.push({ line, message: `RPPS déjà présent ligne ${previous}` });
      return;
    }
    seen.set(parsed.data.rpps, line);
    entries.push({
      rpps: parsed.data.rpps,
      lastName: parsed.data.lastName,
      firstName: parsed.data.firstName,
      profession: parsed.data.profession,
      specialty: parsed.data.specialty || null,
      isRegulator: yes.has(parsed.data.regulator),
      email: parsed.data.email || null,
    });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, entries };
}
