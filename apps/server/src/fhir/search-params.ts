/**
 * FHIR search parameters (R4 search.html): from the query string (GET) or a form body (POST
 * `_search`), with the `Prefer: handling=strict|lenient` rule for unknown ones — strict → 400,
 * lenient (the default) → ignored and not echoed in the `self` link.
 */
import type { Bundle, BundleLink, FhirResource } from 'fhir/r4.js';
import type { FastifyRequest } from 'fastify';
import { FhirError } from './operation-outcome.ts';

/** Search parameters every search accepts (R4 "Parameters for all resources" we implement). */
const common = ['_format'];

/** A parsed search: known parameters by name (in order), the canonical query of `self`. */
export interface SearchQuery {
  params: Map<string, string[]>;
  selfQuery: string;
}

/** Name/value pairs of the query string and, for POST `_search`, the form body. */
function pairsOf(request: FastifyRequest): [string, string][] {
  const pairs: [string, string][] = [];
  const at = request.url.indexOf('?');
  if (at >= 0) for (const pair of new URLSearchParams(request.url.slice(at + 1))) pairs.push(pair);
  if (request.method === 'POST' && request.body instanceof URLSearchParams)
    for (const pair of request.body) pairs.push(pair);
  return pairs;
}

/** Whether the client asked for strict handling of unknown parameters. */
function isStrict(request: FastifyRequest): boolean {
  const prefer = request.headers.prefer;
  return typeof prefer === 'string' && /(^|[;,\s])handling=strict(\s*($|[;,]))/.test(prefer);
}

/** Parses a search; unknown parameters answer 400 under `handling=strict`, else are dropped. */
export function parseSearchQuery(
  request: FastifyRequest,
  options: { allowed: readonly string[] },
): SearchQuery {
  const params = new Map<string, string[]>();
  const kept = new URLSearchParams();
  const strict = isStrict(request);
  const pairs = pairsOf(request);
  if (pairs.length > 50) throw new FhirError(400, 'too-costly', 'Trop de paramètres de recherche.');
  for (const [name, value] of pairs) {
    if (common.includes(name)) continue;
    if (!options.allowed.includes(name)) {
      if (strict)
        throw new FhirError(
          400,
          'not-supported',
          `Paramètre de recherche inconnu : ${name}.`,
          name,
        );
      continue;
    }
    if (value.length > 300)
      throw new FhirError(400, 'value', `Valeur trop longue pour ${name}.`, name);
    params.set(name, [...(params.get(name) ?? []), value]);
    kept.append(name, value);
  }
  return { params, selfQuery: kept.toString() };
}

/** A `searchset` Bundle of resources with its links. */
export function searchSetOf(input: {
  base: string;
  type: string;
  self: string;
  resources: FhirResource[];
  /** Null: no total (a paged log whose size is not counted). */
  total?: number | null | undefined;
  next?: string | undefined;
}): Bundle {
  const url = (query: string) => `${input.base}/${input.type}${query ? `?${query}` : ''}`;
  const link: BundleLink[] = [{ relation: 'self', url: url(input.self) }];
  if (input.next !== undefined) link.push({ relation: 'next', url: url(input.next) });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(input.total === null ? {} : { total: input.total ?? input.resources.length }),
    link,
    entry: input.resources.map((resource) => ({
      fullUrl: `${input.base}/${resource.resourceType}/${resource.id ?? ''}`,
      resource,
      search: { mode: 'match' as const },
    })),
  };
}
