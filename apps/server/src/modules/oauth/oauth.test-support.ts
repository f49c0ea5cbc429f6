/** Test helpers of the OAuth flow: a browser with a cookie jar over real HTTP, PKCE, the token endpoint. */
import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp, TestClient } from '../../../test/test-app.ts';

/** A browser: follows nothing by itself, keeps cookies by name (paths do not matter here). */
export function createBrowser(origin: string) {
  const cookies = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expires = attributes.find((a) => a.trim().toLowerCase().startsWith('expires='));
      const gone = value === '' || (expires && Date.parse(expires.split('=')[1]!) < Date.now());
      if (gone) cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  };
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const absolute = (url: string) => (url.startsWith('http') ? url : `${origin}${url}`);
  return {
    cookies,
    /** Takes over the session cookies of an `inject` client (a sign-in done there). */
    adopt(client: TestClient) {
      for (const [k, v] of client.cookies) cookies.set(k, v);
    },
    async get(url: string) {
      return remember(
        await fetch(absolute(url), { redirect: 'manual', headers: { cookie: cookieHeader() } }),
      );
    },
    /** A same-origin request of the web app (its anti-CSRF header, JSON). */
    async post(url: string, body?: unknown) {
      return remember(
        await fetch(absolute(url), {
          method: 'POST',
          redirect: 'manual',
          headers: {
            cookie: cookieHeader(),
            origin,
            'x-carnet-request': '1',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );
    },
  };
}

/** A browser. */
export type Browser = ReturnType<typeof createBrowser>;

/** A PKCE verifier and its S256 challenge (RFC 7636 §4.2). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The authorization request URL of a client. */
export function authorizeUrl(origin: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries({ response_type: 'code', ...params }))
    if (v !== undefined) query.set(k, v);
  return `${origin}/oauth/auth?${query.toString()}`;
}

/** POSTs a form to the token or revocation endpoint, as practice software does (no cookies). */
export async function postForm(url: string, form: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
  };
}

/** Starts an authorization in the browser; returns the interaction uid (after the 2 redirects). */
export async function startAuthorization(browser: Browser, url: string): Promise<{ uid: string }> {
  const first = await browser.get(url);
  expect(first.status).toBe(303);
  const interaction = first.headers.get('location')!;
  const match = /^\/oauth\/interaction\/([A-Za-z0-9_-]+)$/.exec(new URL(interaction, url).pathname);
  expect(match).not.toBeNull();
  const page = await browser.get(interaction);
  expect(page.status).toBe(303);
  expect(page.headers.get('location')).toBe(`/pro/autorisation/${match![1]}`);
  return { uid: match![1]! };
}

/** Follows the provider's redirect after a decision; returns where the browser lands. */
export async function followDecision(browser: Browser, decision: Response): Promise<URL> {
  expect(decision.status).toBe(200);
  const { redirectTo } = (await decision.json()) as { redirectTo: string };
  const resumed = await browser.get(redirectTo);
  expect(resumed.status).toBe(303);
  return new URL(resumed.headers.get('location')!);
}

/** A registered test client. */
export async function givenOAuthClient(t: TestApp, redirectUri = 'http://127.0.0.1:8765/callback') {
  const client = await t.deps.oauth.addClient({
    name: 'Logiciel de cabinet',
    redirectUris: [redirectUri],
  });
  return { clientId: client.clientId, redirectUri };
}
