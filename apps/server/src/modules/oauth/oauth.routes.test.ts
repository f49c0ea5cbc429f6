import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { lastCodeSentTo } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { givenInayaAndNdiaye } from '../documents/pro-documents.test-support.ts';
import { systems } from '../../fhir/document-codes.ts';
import {
  createListeningApp,
  entriesOf,
  expectValidR4,
  failure,
  fhirClient,
  issueCodeOf,
  prepareR4Validator,
  VALIDATOR_TIMEOUT,
} from '../../fhir/fhir.test-support.ts';
import { PRO_PASSWORD } from '../../../test/access-builders.ts';
import {
  authorizeUrl,
  createBrowser,
  followDecision,
  givenOAuthClient,
  pkcePair,
  postForm,
  startAuthorization,
} from './oauth.test-support.ts';

let t: TestApp;
let origin: string;
let base: string;
beforeAll(() => void prepareR4Validator(), VALIDATOR_TIMEOUT);
afterEach(() => t.close());

const SCOPE = 'user/*.read user/*.write';

/** Inaya's record, Ndiaye (may read it), a registered client, a browser. */
async function setup() {
  ({ t, base } = await createListeningApp());
  origin = new URL(base).origin;
  const world = await givenInayaAndNdiaye(t);
  const client = await givenOAuthClient(t);
  const browser = createBrowser(origin);
  const search = (token: string) =>
    fhirClient(base, token).search({
      resourceType: 'Patient',
      searchParams: { identifier: `${systems.ins}|${world.inaya.ins}` },
    });
  return { ...world, ...client, browser, search };
}

type World = Awaited<ReturnType<typeof setup>>;

/** Authorization with PKCE, Ndiaye's session adopted, approval: the code at the redirect URI. */
async function approvedCode(w: World, scope = SCOPE) {
  const pkce = pkcePair();
  const { uid } = await startAuthorization(
    w.browser,
    authorizeUrl(origin, {
      client_id: w.clientId,
      redirect_uri: w.redirectUri,
      scope,
      state: 'etat-1',
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
    }),
  );
  w.browser.adopt(w.ndiayeClient);
  const landing = await followDecision(
    w.browser,
    await w.browser.post(`/oauth/interaction/${uid}/approve`),
  );
  expect(`${landing.origin}${landing.pathname}`).toBe(w.redirectUri);
  expect(landing.searchParams.get('state')).toBe('etat-1');
  return { code: landing.searchParams.get('code')!, verifier: pkce.verifier };
}

const exchange = (w: World, code: string, verifier: string) =>
  postForm(`${origin}/oauth/token`, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: w.redirectUri,
    client_id: w.clientId,
    code_verifier: verifier,
  });

describe('OAuth 2.0 authorization code + PKCE for professional software', () => {
  test('a client follows the whole flow: sign-in with the one-time code, consent, code, tokens, FHIR, refresh, revocation', async () => {
    const w = await setup();
    const pkce = pkcePair();
    const { uid } = await startAuthorization(
      w.browser,
      authorizeUrl(origin, {
        client_id: w.clientId,
        redirect_uri: w.redirectUri,
        scope: SCOPE,
        state: 'etat-42',
        code_challenge: pkce.challenge,
        code_challenge_method: 'S256',
      }),
    );
    // Not signed in: the consent page cannot load the request.
    expect((await w.browser.get(`/oauth/interaction/${uid}/details`)).status).toBe(401);

    // The usual 3 steps of the professional sign-in (a new code no sooner than 30 s after the last).
    t.clock.advance(31_000);
    expect(
      (await w.browser.post('/api/pro/auth/login', { rpps: w.ndiaye.rpps, password: PRO_PASSWORD }))
        .status,
    ).toBe(200);
    expect((await w.browser.post('/api/auth/login/code', { channel: 'email' })).status).toBe(200);
    const code = await lastCodeSentTo(t.deps, w.ndiaye.email);
    expect((await w.browser.post('/api/auth/login/verify', { code })).status).toBe(200);

    const details = await w.browser.get(`/oauth/interaction/${uid}/details`);
    expect(details.status).toBe(200);
    expect(await details.json()).toMatchObject({
      uid,
      clientName: 'Logiciel de cabinet',
      scopes: [{ code: 'user/*.read' }, { code: 'user/*.write' }],
    });

    const landing = await followDecision(
      w.browser,
      await w.browser.post(`/oauth/interaction/${uid}/approve`),
    );
    expect(`${landing.origin}${landing.pathname}`).toBe(w.redirectUri);
    expect(landing.searchParams.get('state')).toBe('etat-42');
    const authorizationCode = landing.searchParams.get('code')!;
    expect(authorizationCode).toBeTruthy();

    const tokens = await exchange(w, authorizationCode, pkce.verifier);
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({ token_type: 'Bearer', scope: SCOPE });
    expect(tokens.body.expires_in).toBeLessThanOrEqual(3600);
    const accessToken = tokens.body.access_token as string;
    const refreshToken = tokens.body.refresh_token as string;
    expect(refreshToken).toBeTruthy();

    const [patient] = entriesOf(await w.search(accessToken));
    expect(patient).toMatchObject({ resourceType: 'Patient' });

    // Refresh: a new pair; the used refresh token is spent (rotation).
    const refreshed = await postForm(`${origin}/oauth/token`, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: w.clientId,
    });
    expect(refreshed.status).toBe(200);
    const access2 = refreshed.body.access_token as string;
    expect(access2).not.toBe(accessToken);
    expect(refreshed.body.refresh_token).not.toBe(refreshToken);
    expect(entriesOf(await w.search(access2))).toHaveLength(1);

    // Nothing stored says a token, a code or the interaction id.
    const rows = await t.deps.database.db.selectFrom('oauth_entries').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    const dump = JSON.stringify(rows);
    for (const secret of [accessToken, access2, refreshToken, authorizationCode, uid])
      expect(dump).not.toContain(secret);

    // Revocation (RFC 7009): the next request answers 401.
    const revoked = await postForm(`${origin}/oauth/token/revocation`, {
      token: access2,
      client_id: w.clientId,
    });
    expect(revoked.status).toBe(200);
    const denied = await failure(w.search(access2));
    expect(denied.status).toBe(401);
    expect(issueCodeOf(denied.data)).toBe('login');

    // Traced: the approval and the revocation, by the professional, on no record.
    const traces = await t.deps.database.db
      .selectFrom('traces')
      .select(['action', 'actor_type', 'actor_id', 'patient_id', 'target_id'])
      .where('action', 'like', 'oauth.%')
      .execute();
    expect(traces).toEqual(
      expect.arrayContaining([
        {
          action: 'oauth.grant_approve',
          actor_type: 'professional',
          actor_id: w.psId,
          patient_id: null,
          target_id: w.clientId,
        },
        {
          action: 'oauth.token_revoke',
          actor_type: 'professional',
          actor_id: w.psId,
          patient_id: null,
          target_id: w.clientId,
        },
      ]),
    );
  });

  test('a wrong verifier is refused; a reused code is refused and revokes what it issued', async () => {
    const w = await setup();
    const first = await approvedCode(w);
    const wrong = await exchange(w, first.code, pkcePair().verifier);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('invalid_grant');

    const second = await approvedCode(w);
    const tokens = await exchange(w, second.code, second.verifier);
    expect(tokens.status).toBe(200);
    const accessToken = tokens.body.access_token as string;
    expect(entriesOf(await w.search(accessToken))).toHaveLength(1);
    const reused = await exchange(w, second.code, second.verifier);
    expect(reused.status).toBe(400);
    expect(reused.body.error).toBe('invalid_grant');
    // RFC 6749 §4.1.2: the tokens issued from that code are revoked.
    expect((await failure(w.search(accessToken))).status).toBe(401);
    const refresh = await postForm(`${origin}/oauth/token`, {
      grant_type: 'refresh_token',
      refresh_token: tokens.body.refresh_token as string,
      client_id: w.clientId,
    });
    expect(refresh.status).toBe(400);
  });

  test('a foreign redirect URI gets no redirect, and a request without code_challenge is refused', async () => {
    const w = await setup();
    const pkce = pkcePair();
    for (const redirect of ['https://evil.example/callback', `${w.redirectUri}/other`]) {
      const response = await w.browser.get(
        authorizeUrl(origin, {
          client_id: w.clientId,
          redirect_uri: redirect,
          scope: SCOPE,
          state: 's',
          code_challenge: pkce.challenge,
          code_challenge_method: 'S256',
        }),
      );
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toContain('Autorisation impossible');
    }
    const unknownClient = await w.browser.get(
      authorizeUrl(origin, {
        client_id: 'lps_inconnu',
        redirect_uri: w.redirectUri,
        scope: SCOPE,
        code_challenge: pkce.challenge,
        code_challenge_method: 'S256',
      }),
    );
    expect(unknownClient.status).toBe(400);
    expect(unknownClient.headers.get('location')).toBeNull();

    for (const pkceParams of [
      {},
      { code_challenge: pkce.verifier, code_challenge_method: 'plain' },
    ]) {
      const response = await w.browser.get(
        authorizeUrl(origin, {
          client_id: w.clientId,
          redirect_uri: w.redirectUri,
          scope: SCOPE,
          state: 's',
          ...pkceParams,
        }),
      );
      expect(response.status).toBe(303);
      const location = new URL(response.headers.get('location')!);
      expect(`${location.origin}${location.pathname}`).toBe(w.redirectUri);
      expect(location.searchParams.get('error')).toBe('invalid_request');
      expect(location.searchParams.get('code')).toBeNull();
    }
  });

  test('a patient’s session cannot see nor approve the request; refusing sends access_denied', async () => {
    const w = await setup();
    const { challenge } = pkcePair();
    const { uid } = await startAuthorization(
      w.browser,
      authorizeUrl(origin, {
        client_id: w.clientId,
        redirect_uri: w.redirectUri,
        scope: SCOPE,
        state: 'etat-p',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
    );
    w.browser.adopt(w.patientClient);
    expect((await w.browser.get(`/oauth/interaction/${uid}/details`)).status).toBe(401);
    expect((await w.browser.post(`/oauth/interaction/${uid}/approve`)).status).toBe(401);
    expect(
      await t.deps.database.db
        .selectFrom('oauth_entries')
        .where('model', '=', 'Grant')
        .selectAll()
        .execute(),
    ).toEqual([]);

    w.browser.adopt(w.ndiayeClient);
    // Without the web app's anti-CSRF header, no decision.
    const forged = await fetch(`${origin}/oauth/interaction/${uid}/approve`, {
      method: 'POST',
      headers: { cookie: [...w.browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(forged.status).toBe(403);
    const landing = await followDecision(
      w.browser,
      await w.browser.post(`/oauth/interaction/${uid}/refuse`),
    );
    expect(`${landing.origin}${landing.pathname}`).toBe(w.redirectUri);
    expect(landing.searchParams.get('error')).toBe('access_denied');
    expect(landing.searchParams.get('state')).toBe('etat-p');
    expect(landing.searchParams.get('code')).toBeNull();
  });

  test('a professional blocked by the patient finds nothing with an OAuth token, on the very next request', async () => {
    const w = await setup();
    const { code, verifier } = await approvedCode(w);
    const token = (await exchange(w, code, verifier)).body.access_token as string;
    expect(entriesOf(await w.search(token))).toHaveLength(1);
    expect(
      (await w.patientClient.post(`/api/access/professionals/${w.psId}/block`)).statusCode,
    ).toBe(200);
    expect(entriesOf(await w.search(token))).toEqual([]);
  });

  test('a read-only token reads but cannot write; CLI tokens work beside OAuth ones; a removed client’s tokens stop', async () => {
    const w = await setup();
    const { code, verifier } = await approvedCode(w, 'user/*.read');
    const token = (await exchange(w, code, verifier)).body.access_token as string;
    expect(entriesOf(await w.search(token))).toHaveLength(1);
    const write = await failure(
      fhirClient(base, token).transaction({
        body: { resourceType: 'Bundle', type: 'transaction', entry: [] },
      }),
    );
    expect(write.status).toBe(403);
    expect(issueCodeOf(write.data)).toBe('forbidden');
    const cli = (
      await t.deps.apiTokens.issue({ professional: w.ndiaye.professional, clientId: 'cli' })
    ).token;
    expect(entriesOf(await w.search(cli))).toHaveLength(1);
    // Removing the client (operator) stops its tokens on the next request.
    await t.deps.oauth.removeClient(w.clientId);
    expect((await failure(w.search(token))).status).toBe(401);
    expect(entriesOf(await w.search(cli))).toHaveLength(1);
  });

  test('the CapabilityStatement and smart-configuration publish the OAuth endpoints', async () => {
    ({ t, base } = await createListeningApp());
    origin = new URL(base).origin;
    const statement = (await fhirClient(base).capabilityStatement()) as unknown as {
      rest: { security: { extension: { extension: { url: string; valueUri: string }[] }[] } }[];
    };
    expectValidR4({ ...statement, fhirVersion: '4.0.0' });
    const uris = statement.rest[0]!.security.extension[0]!.extension;
    expect(uris).toEqual([
      { url: 'authorize', valueUri: `${origin}/oauth/auth` },
      { url: 'token', valueUri: `${origin}/oauth/token` },
      { url: 'revoke', valueUri: `${origin}/oauth/token/revocation` },
    ]);
    const smart = await fetch(`${base}/.well-known/smart-configuration`);
    expect(smart.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await smart.json()).toMatchObject({
      authorization_endpoint: `${origin}/oauth/auth`,
      token_endpoint: `${origin}/oauth/token`,
      revocation_endpoint: `${origin}/oauth/token/revocation`,
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      scopes_supported: ['user/*.read', 'user/*.write', 'offline_access'],
    });
  });
});
