import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { givenActivePatient, signIn } from '../../../test/builders.ts';
import { createTestApp } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const login = { identifiant: 'someone.here', password: 'some password 123' };

describe('request security', () => {
  it('sends CSP without inline script, frame-ancestors none, HSTS, nosniff and no-referrer', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health' });
    const csp = response.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('marks every /api response no-store', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/me' });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('refuses a state-changing request without the custom header', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: login });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({
      error: { code: 'request.forbidden_origin', message: 'Requête refusée.' },
    });
  });

  it('refuses a cross-site request even with the header', async () => {
    const crossSite = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: login,
      headers: { 'x-carnet-request': '1', 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.statusCode).toBe(403);
    const foreignOrigin = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: login,
      headers: { 'x-carnet-request': '1', origin: 'https://evil.example' },
    });
    expect(foreignOrigin.statusCode).toBe(403);
  });

  it('accepts a same-origin request with the header', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: login,
      headers: {
        'x-carnet-request': '1',
        'sec-fetch-site': 'same-origin',
        origin: 'http://localhost:3000',
      },
    });
    expect(response.statusCode).toBe(401);
  });

  it('changes no state on GET', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/logout' });
    expect(response.statusCode).toBe(404);
  });

  it('rejects unknown fields on input', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { ...login, isAdmin: true },
      headers: { 'x-carnet-request': '1' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'request.invalid' } });
  });

  it('rejects wrong types and malformed JSON with a clear error', async () => {
    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { identifiant: 12, password: [] },
      headers: { 'x-carnet-request': '1' },
    });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json()).toMatchObject({
      error: { code: 'request.invalid', fields: { identifiant: expect.any(String) } },
    });
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      body: '{"identifiant":',
      headers: { 'x-carnet-request': '1', 'content-type': 'application/json' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ error: { code: 'request.invalid' } });
  });

  it('refuses an oversized body', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { identifiant: 'x'.repeat(100_000), password: 'y' },
      headers: { 'x-carnet-request': '1' },
    });
    expect(response.statusCode).toBe(413);
  });

  it('answers a 5xx without internals when the database fails', async () => {
    const inaya = await givenActivePatient(t);
    const client = await signIn(t, inaya);
    await t.deps.database.db.destroy();
    const response = await client.get('/api/me');
    expect(response.statusCode).toBeGreaterThanOrEqual(500);
    expect(Object.keys(response.json<{ error: object }>().error)).toEqual(['code', 'message']);
    expect(response.body).not.toMatch(/sqlite|postgres|stack|at /i);
  });

  it('answers the liveness probe', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/health' })).json()).toEqual({
      status: 'ok',
    });
  });

  it('answers unknown /api routes with the error shape', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'resource.not_found', message: 'Ressource introuvable.' },
    });
  });
});
