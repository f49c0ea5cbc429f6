/** Test helpers of the FHIR API: the app on a local port, tokens, a fhir-kit-client, R4 validation. */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { Client } from 'fhir-kit-client';
import type { FhirResource } from 'fhir/r4.js';
import { expect } from 'vitest';
import type { Professional } from '../modules/professionals/professionals.service.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';

interface SchemaValidator {
  validate(resource: unknown): unknown[];
}
let validator: SchemaValidator | undefined;

/** Compiles the official R4 schema once per file (seconds, more on a loaded machine). */
export function prepareR4Validator(): SchemaValidator {
  if (!validator) {
    const require = createRequire(import.meta.url);
    const Validator =
      require('@asymmetrik/fhir-json-schema-validator') as new () => SchemaValidator;
    validator = new Validator();
  }
  return validator;
}

/** How long compiling the schema may take in a `beforeAll`. */
export const VALIDATOR_TIMEOUT = 180_000;

/** Asserts a resource validates against the official FHIR R4 JSON schema. */
export function expectValidR4(resource: unknown): void {
  expect(prepareR4Validator().validate(resource)).toEqual([]);
}

/** A free local port (so that the public URL of links is known before the app is built). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The whole app listening on a local port, its public URL being that address. */
export async function createListeningApp(
  env: Record<string, string> = {},
): Promise<{ t: TestApp; base: string }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const t = await createTestApp({ CARNET_PUBLIC_URL: origin, ...env });
  await t.app.listen({ port, host: '127.0.0.1' });
  return { t, base: `${origin}/fhir/R4` };
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

/** fhir-kit-client's loose resource type read as the R4 type it is. */
export const r4 = async <T extends FhirResource = FhirResource>(call: Promise<unknown>) =>
  (await call) as T;

/** Every resource of a searchset, validated. */
export function entriesOf(bundle: unknown): FhirResource[] {
  expectValidR4(bundle);
  const b = bundle as FhirResource;
  if (b.resourceType !== 'Bundle') throw new Error('not a Bundle');
  return (b.entry ?? []).map((e) => e.resource as FhirResource);
}
