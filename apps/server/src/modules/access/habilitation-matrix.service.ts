/**
 * The matrice d'habilitation (PRODUCT.md "Professionals' access"): profession × category → may
 * read. The default ships as data (src/data/habilitation-matrix.json); `carnet
 * load-habilitation-matrix` stores a validated replacement in the database, which then wins.
 */
import { readFileSync } from 'node:fs';
import { documentCategories, professions } from '@carnet/shared';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Db } from '../../platform/db/schema.ts';
import type { HabilitationMatrixTable } from '../../platform/db/schema-access.ts';
import type { HabilitationMatrix } from './access.policy.ts';

/** Where the shipped default lives. */
export const defaultMatrixUrl = new URL('../../data/habilitation-matrix.json', import.meta.url);

/** A validated matrix, or every problem found. */
export type ParsedMatrix =
  { ok: true; matrix: Record<string, Record<string, boolean>> } | { ok: false; problems: string[] };

/**
 * Validates a matrix file: `{ "_doc"?: …, "matrix": { <profession>: { <category>: boolean } } }`
 * with every known profession and every category, and nothing else.
 */
export function parseMatrix(json: unknown): ParsedMatrix {
  const problems: string[] = [];
  const root = json as { matrix?: unknown } | null;
  if (typeof root !== 'object' || root === null || Array.isArray(root))
    return { ok: false, problems: ['le fichier doit contenir un objet JSON'] };
  for (const key of Object.keys(root))
    if (key !== 'matrix' && key !== '_doc') problems.push(`clé inconnue « ${key} »`);
  const table = root.matrix;
  if (typeof table !== 'object' || table === null || Array.isArray(table))
    return { ok: false, problems: [...problems, '« matrix » doit être un objet'] };
  const rows = table as Record<string, unknown>;
  const matrix: Record<string, Record<string, boolean>> = {};
  for (const profession of Object.keys(rows))
    if (!(profession in professions)) problems.push(`profession inconnue « ${profession} »`);
  for (const profession of Object.keys(professions)) {
    const row = rows[profession];
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      problems.push(`profession « ${profession} » absente`);
      continue;
    }
    const cells = row as Record<string, unknown>;
    const out: Record<string, boolean> = {};
    matrix[profession] = out;
    for (const category of Object.keys(cells))
      if (!(category in documentCategories))
        problems.push(`catégorie inconnue « ${category} » pour « ${profession} »`);
    for (const category of Object.keys(documentCategories)) {
      const cell = cells[category];
      if (typeof cell !== 'boolean')
        problems.push(`« ${profession} » × « ${category} » doit valoir true ou false`);
      else out[category] = cell;
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, matrix };
}

/** Reads the matrix in force and replaces it. */
export function createHabilitationMatrixService(deps: { db: Kysely<Database>; clock: Clock }) {
  let shipped: HabilitationMatrix | undefined;
  const shippedDefault = (): HabilitationMatrix => {
    if (!shipped) {
      const parsed = parseMatrix(JSON.parse(readFileSync(defaultMatrixUrl, 'utf8')));
      if (!parsed.ok) throw new Error(`Invalid shipped matrix: ${parsed.problems.join('; ')}`);
      shipped = parsed.matrix;
    }
    return shipped;
  };

  const matrixOf = (
    rows: Pick<HabilitationMatrixTable, 'profession' | 'category' | 'allowed'>[],
  ): HabilitationMatrix => {
    if (rows.length === 0) return shippedDefault();
    const matrix: Record<string, Record<string, boolean>> = {};
    for (const row of rows) (matrix[row.profession] ??= {})[row.category] = row.allowed === 1;
    return matrix;
  };

  return {
    /** The shipped default. */
    shippedDefault,

    /** The matrix in force: the loaded replacement, else the shipped default (read each call). */
    async current(db: Db = deps.db): Promise<HabilitationMatrix> {
      return matrixOf(
        await db
          .selectFrom('habilitation_matrix')
          .select(['profession', 'category', 'allowed'])
          .execute(),
      );
    },

    /** The matrix in force from the rows of `habilitation_matrix` read by the caller. */
    matrixOf,

    /** Stores a validated replacement (all or nothing). */
    async replace(json: unknown): Promise<ParsedMatrix> {
      const parsed = parseMatrix(json);
      if (!parsed.ok) return parsed;
      const at = deps.clock.now().toISOString();
      await deps.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('habilitation_matrix').execute();
        await trx
          .insertInto('habilitation_matrix')
          .values(
            Object.entries(parsed.matrix).flatMap(([profession, row]) =>
              Object.entries(row).map(([category, allowed]) => ({
                profession,
                category,
                allowed: allowed ? 1 : 0,
                loaded_at: at,
              })),
            ),
          )
          .execute();
      });
      return parsed;
    },
  };
}

/** The matrix service. */
export type HabilitationMatrixService = ReturnType<typeof createHabilitationMatrixService>;
