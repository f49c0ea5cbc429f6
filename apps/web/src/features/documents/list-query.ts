/** The list's filters live in the URL (shareable, kept by "back"): parse and update them. */
import { documentAuthorFilterSchema, documentCategorySchema } from '@carnet/shared';
import type { ListQuery } from './api.ts';

/** The "Ajouté par" filter, in the guide's words. */
export const authorOptions = [
  { value: 'moi', label: 'Moi' },
  { value: 'professionnel', label: 'Un professionnel de santé' },
  { value: 'assurance-maladie', label: 'Assurance Maladie' },
] as const;

/** Sort and order in one select. */
export const sortOptions = [
  { value: 'date-desc', label: 'Date, récents d’abord' },
  { value: 'date-asc', label: 'Date, anciens d’abord' },
  { value: 'name-asc', label: 'Nom, de A à Z' },
  { value: 'name-desc', label: 'Nom, de Z à A' },
] as const;

/** Reads the query from the URL; unknown values are ignored rather than sent. */
export function queryFromParams(params: URLSearchParams): ListQuery {
  const category = documentCategorySchema.safeParse(params.get('category'));
  const author = documentAuthorFilterSchema.safeParse(params.get('author'));
  const [sort, order] = (params.get('sort') ?? 'date-desc').split('-');
  const page = Number(params.get('page') ?? '1');
  return {
    category: category.success ? category.data : undefined,
    author: author.success ? author.data : undefined,
    q: params.get('q')?.trim() || undefined,
    folderId: params.get('folderId') || undefined,
    sort: sort === 'name' ? 'name' : 'date',
    order: order === 'asc' ? 'asc' : 'desc',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The URL value of the sort select. */
export function sortValue(query: ListQuery): string {
  return `${query.sort ?? 'date'}-${query.order ?? 'desc'}`;
}

/** A copy of `params` with `key` set (or removed when empty); any filter change goes to page 1. */
export function withParam(params: URLSearchParams, key: string, value: string): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value === '') next.delete(key);
  else next.set(key, value);
  if (key !== 'page') next.delete('page');
  return next;
}
