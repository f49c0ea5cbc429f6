import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { sha256Hex } from '../../platform/crypto/secrets.ts';
import type { OAuthEvent } from './oauth-adapter.ts';
import { createOAuthAdapter } from './oauth-adapter.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

/** An adapter on the test database with a hand-moved clock, recording its trace events. */
function adapterWith(start = Date.UTC(2026, 11, 7, 8)) {
  let now = start;
  const events: OAuthEvent[] = [];
  const factory = createOAuthAdapter({
    db: t.deps.database.db,
    sealKey: Buffer.alloc(32, 3),
    now: () => now,
    trace: async (_db, event) => {
      events.push(event);
    },
  });
  return { factory, events, advance: (ms: number) => (now += ms) };
}

const rows = () => t.deps.database.db.selectFrom('oauth_entries').selectAll().execute();

describe('OAuth storage', () => {
  test('ids are stored as their SHA-256 only; payloads come back with their id and consumption', async () => {
    const { factory } = adapterWith();
    const codes = factory('AuthorizationCode');
    const id = 'code-secret-value-0123456789';
    await codes.upsert(
      id,
      { jti: id, accountId: 'ps_1', clientId: 'lps_1', grantId: 'grant-1' },
      60,
    );
    const [row] = await rows();
    expect(row).toMatchObject({ model: 'AuthorizationCode', id_hash: sha256Hex(id) });
    expect(JSON.stringify(row)).not.toContain(id);
    expect(JSON.stringify(row)).not.toContain('ps_1');
    expect(await codes.find(id)).toMatchObject({ jti: id, accountId: 'ps_1' });
    expect(await codes.find('another')).toBeUndefined();
    await codes.consume(id);
    expect((await codes.find(id))?.consumed).toEqual(expect.any(Number));
  });

  test('expired entries are not found and are purged on a later write', async () => {
    const { factory, advance } = adapterWith();
    const tokens = factory('AccessToken');
    await tokens.upsert('old-token-value', { accountId: 'ps_1', clientId: 'lps_1' }, 10);
    advance(11_000);
    expect(await tokens.find('old-token-value')).toBeUndefined();
    advance(60_000);
    await tokens.upsert('new-token-value', { accountId: 'ps_1', clientId: 'lps_1' }, 3600);
    expect((await rows()).map((r) => r.id_hash)).toEqual([sha256Hex('new-token-value')]);
  });

  test('a session is found by its uid; revoking a grant removes its tokens and is traced', async () => {
    const { factory, events } = adapterWith();
    await factory('Session').upsert(
      'session-cookie',
      { jti: 'session-cookie', uid: 'uid-1', accountId: 'ps_1' },
      600,
    );
    expect(await factory('Session').findByUid('uid-1')).toMatchObject({ jti: 'session-cookie' });
    await factory('Grant').upsert(
      'grant-1',
      { accountId: 'ps_1', clientId: 'lps_1', resources: { r: 'user/*.read' } },
      600,
    );
    expect(events.map((e) => e.action)).toEqual(['oauth.grant_approve']);
    await factory('AccessToken').upsert(
      'at-1',
      { accountId: 'ps_1', clientId: 'lps_1', grantId: 'grant-1' },
      600,
    );
    await factory('AccessToken').upsert(
      'at-2',
      { accountId: 'ps_1', clientId: 'lps_1', grantId: 'grant-2' },
      600,
    );
    await factory('AccessToken').revokeByGrantId('grant-1');
    expect(await factory('AccessToken').find('at-1')).toBeUndefined();
    expect(await factory('AccessToken').find('at-2')).toBeDefined();
    expect(events.at(-1)).toMatchObject({
      action: 'oauth.grant_revoke',
      accountId: 'ps_1',
      clientId: 'lps_1',
    });
    await factory('AccessToken').destroy('at-2');
    expect(events.at(-1)).toMatchObject({
      action: 'oauth.token_revoke',
      details: { kind: 'AccessToken' },
    });
  });
});
