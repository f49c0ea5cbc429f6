import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { givenProfessional } from '../../test/access-builders.ts';
import type { TestApp } from '../../test/test-app.ts';
import { issueToken } from '../cli/token.ts';
import {
  expectValidR4,
  failure,
  fhirClient,
  issueCodeOf,
  r4,
  createListeningApp,
  prepareR4Validator,
  tokenFor,
  VALIDATOR_TIMEOUT,
} from './fhir.test-support.ts';

let t: TestApp;
let base: string;
beforeEach(async () => {
  ({ t, base } = await createListeningApp());
});
beforeAll(() => void prepareR4Validator(), VALIDATOR_TIMEOUT);
afterEach(() => t.close());

describe('FHIR metadata and bearer tokens', () => {
  test('the CapabilityStatement needs no token, validates, and lists what is implemented', async () => {
    const statement = await r4(fhirClient(base).capabilityStatement());
    if (statement.resourceType !== 'CapabilityStatement') throw new Error('not a statement');
    expect(statement.fhirVersion).toBe('4.0.1');
    // The schema package predates the 4.0.1 technical correction: its enum stops at 4.0.0.
    expectValidR4({ ...statement, fhirVersion: '4.0.0' });
    const resources = statement.rest?.[0]?.resource?.map((r) => r.type);
    expect(resources).toEqual(expect.arrayContaining(['Patient', 'DocumentReference', 'Binary']));
    const response = await fetch(`${base}/metadata`);
    expect(response.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
  });

  test('without a token, with an unknown, an expired or a revoked one: 401 OperationOutcome', async () => {
    const { professional } = await givenProfessional(t);
    const none = await failure(fhirClient(base).read({ resourceType: 'Patient', id: 'pat-x' }));
    expect(none.status).toBe(401);
    expect(issueCodeOf(none.data)).toBe('login');
    const unknown = await failure(
      fhirClient(base, 'not-a-token').read({ resourceType: 'Patient', id: 'pat-x' }),
    );
    expect(unknown.status).toBe(401);

    const token = await tokenFor(t, professional, 5);
    const live = await failure(
      fhirClient(base, token).read({ resourceType: 'Patient', id: 'pat-x' }),
    );
    expect(live.status).toBe(404);
    expect(issueCodeOf(live.data)).toBe('not-found');

    t.clock.advance(5 * 60_000);
    const expired = await failure(
      fhirClient(base, token).read({ resourceType: 'Patient', id: 'pat-x' }),
    );
    expect(expired.status).toBe(401);

    const other = await tokenFor(t, professional);
    await t.deps.apiTokens.revoke(other);
    const revoked = await failure(
      fhirClient(base, other).read({ resourceType: 'Patient', id: 'pat-x' }),
    );
    expect(revoked.status).toBe(401);
    expect(issueCodeOf(revoked.data)).toBe('login');

    // `carnet token revoke --rpps`: every live token of the professional stops at once.
    const third = await tokenFor(t, professional);
    // The expired first token is not revoked yet either: both are marked.
    expect(await t.deps.apiTokens.revokeAllOf(professional.id)).toBe(2);
    const all = await failure(
      fhirClient(base, third).read({ resourceType: 'Patient', id: 'pat-x' }),
    );
    expect(all.status).toBe(401);
  });

  test('tokens are stored hashed, live at most one hour', async () => {
    const { professional } = await givenProfessional(t);
    const token = await tokenFor(t, professional);
    const rows = await t.deps.database.db.selectFrom('api_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(Date.parse(rows[0]!.expires_at) - t.clock.now().getTime()).toBe(3600_000);
    await expect(
      t.deps.apiTokens.issue({ professional, clientId: 'cli', minutes: 61 }),
    ).rejects.toMatchObject({ code: 'token.lifetime_invalid' });
  });

  test('the token command prints the token last, and refuses an unknown RPPS or a PS without account', async () => {
    const { professional, rpps } = await givenProfessional(t);
    const lines = await issueToken(t.deps, { rpps, minutes: 10 });
    const token = lines.at(-1)!;
    expect(await t.deps.apiTokens.authenticate(token)).toMatchObject({ id: professional.id });
    await expect(issueToken(t.deps, { rpps: '19999999999' })).rejects.toMatchObject({
      code: 'token.no_account',
    });
    const noAccount = await t.deps.professionals.create(t.deps.database.db, {
      rpps: '18888888888',
      firstName: 'Sans',
      lastName: 'Compte',
      profession: 'medecin',
      specialty: null,
      isRegulator: false,
      email: null,
    });
    expect(noAccount.id).toBeTruthy();
    await expect(issueToken(t.deps, { rpps: '18888888888' })).rejects.toMatchObject({
      code: 'token.no_account',
    });
    expect(await t.deps.database.db.selectFrom('api_tokens').selectAll().execute()).toHaveLength(1);
  });

  test('unknown FHIR paths answer a 404 OperationOutcome', async () => {
    const { professional } = await givenProfessional(t);
    const response = await fetch(`${base}/Nothing/here`, {
      headers: { authorization: `Bearer ${await tokenFor(t, professional)}` },
    });
    expect(response.status).toBe(404);
    expect(issueCodeOf(await response.json())).toBe('not-found');
  });
});
