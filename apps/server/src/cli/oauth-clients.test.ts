import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { addOAuthClient, demoOAuthClient, seedDemoOAuthClient } from './oauth-clients.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('carnet oauth-client', () => {
  test('add prints the client_id last; list shows it; remove forgets it and is traced', async () => {
    const lines = await addOAuthClient(t.deps, {
      name: 'Logiciel du cabinet',
      redirectUri: ['https://lps.example/callback', 'http://127.0.0.1:7000/cb'],
      refresh: true,
    });
    const clientId = lines.at(-1)!;
    expect(clientId).toMatch(/^lps_/);
    expect(await t.deps.oauth.listClients()).toEqual([
      expect.objectContaining({
        clientId,
        name: 'Logiciel du cabinet',
        redirectUris: ['https://lps.example/callback', 'http://127.0.0.1:7000/cb'],
        refreshTokens: true,
      }),
    ]);
    await t.deps.oauth.removeClient(clientId);
    expect(await t.deps.oauth.listClients()).toEqual([]);
    await expect(t.deps.oauth.removeClient(clientId)).rejects.toMatchObject({
      code: 'oauth.client_not_found',
    });
    const actions = await t.deps.database.db
      .selectFrom('traces')
      .select('action')
      .where('target_id', '=', clientId)
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual([
      'oauth.client_add',
      'oauth.client_remove',
    ]);
  });

  test('refuses a redirect URI that is not https (or loopback http), has a fragment, or is no URL', async () => {
    for (const uri of [
      'http://lps.example/callback',
      'https://lps.example/callback#frag',
      'javascript:alert(1)',
      'callback',
    ])
      await expect(
        addOAuthClient(t.deps, { name: 'LPS', redirectUri: [uri], refresh: true }),
      ).rejects.toMatchObject({ code: 'oauth.redirect_uri_invalid' });
    await expect(
      addOAuthClient(t.deps, { name: ' ', redirectUri: ['https://a.example/cb'], refresh: true }),
    ).rejects.toMatchObject({ code: 'oauth.client_name_invalid' });
    expect(await t.deps.oauth.listClients()).toEqual([]);
  });

  test('the demo client is registered once, under its documented id', async () => {
    await seedDemoOAuthClient(t.deps);
    await seedDemoOAuthClient(t.deps);
    expect(await t.deps.oauth.listClients()).toEqual([
      expect.objectContaining({
        clientId: demoOAuthClient.clientId,
        name: 'Logiciel de démonstration',
        redirectUris: ['http://127.0.0.1:8765/callback'],
      }),
    ]);
  });
});
