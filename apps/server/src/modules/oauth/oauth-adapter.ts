/**
 * The storage of oidc-provider (its `adapter` interface) on Kysely, SQLite and PostgreSQL alike.
 * Every id (access and refresh tokens, codes, session cookies, interaction and grant ids) is keyed
 * by its SHA-256 and never stored: a database dump yields no usable token (SECURITY.md). Payloads
 * are sealed (AES-256-GCM bound to their row); only a provider session keeps its id inside its
 * sealed payload, because `findByUid` must give it back.
 */
import type { Kysely } from 'kysely';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { openText, sealText } from '../../platform/crypto/sealed.ts';
import { sha256Hex } from '../../platform/crypto/secrets.ts';
import type { Database, Db } from '../../platform/db/schema.ts';
import type { OAuthClientsTable } from '../../platform/db/schema-oauth.ts';
import { createOAuthClientsRepository } from './oauth-clients.repository.ts';
import { createOAuthEntriesRepository } from './oauth-entries.repository.ts';

/** A fact worth a trace, written in the transaction of the change it records. */
export interface OAuthEvent {
  action: 'oauth.grant_approve' | 'oauth.token_revoke' | 'oauth.grant_revoke';
  accountId: string;
  clientId: string;
  details: Record<string, string>;
}

/** The client metadata oidc-provider reads for a registered client. */
export function clientMetadataOf(row: OAuthClientsTable): AdapterPayload {
  return {
    client_id: row.client_id,
    client_name: row.name,
    redirect_uris: JSON.parse(row.redirect_uris) as string[],
    grant_types: row.refresh_tokens
      ? ['authorization_code', 'refresh_token']
      : ['authorization_code'],
    response_types: ['code'],
    // Public clients (practice software installed at the professional's): PKCE, no secret.
    token_endpoint_auth_method: 'none',
    // `web`: redirect URIs match exactly, loopback ports included (RFC 6749 §3.1.2.3).
    application_type: 'web',
  };
}

const PURGE_EVERY_MS = 60_000;

/** Builds the adapter factory given to oidc-provider. */
export function createOAuthAdapter(deps: {
  db: Kysely<Database>;
  sealKey: Buffer;
  /** The provider's own time (it reads Date.now for `exp`): expiries compare against it. */
  now: () => number;
  trace: (db: Db, event: OAuthEvent) => Promise<void>;
}) {
  const { db } = deps;
  let lastPurge = 0;
  const iso = (epochMs: number) => new Date(epochMs).toISOString();
  const hashOf = (value: string) => sha256Hex(value);

  return (model: string): Adapter => {
    const aad = (idHash: string, of = model) => `oauth:${of}:${idHash}`;
    const restore = (
      row: { model: string; payload: string; id_hash: string; consumed_at: string | null },
      id: string | undefined,
    ): AdapterPayload => {
      const payload = JSON.parse(
        openText(deps.sealKey, row.payload, aad(row.id_hash, row.model)),
      ) as AdapterPayload;
      if (id !== undefined) payload.jti = id;
      if (row.consumed_at) payload.consumed = Math.floor(Date.parse(row.consumed_at) / 1000);
      return payload;
    };
    const readGrant = async (on: Db, grantHash: string) => {
      const row = await createOAuthEntriesRepository(on).find('Grant', grantHash, iso(deps.now()));
      return row ? restore(row, undefined) : undefined;
    };

    return {
      async upsert(id, payload, expiresIn) {
        const idHash = hashOf(id);
        const { jti: _jti, ...rest } = payload;
        // A session's id comes back through findByUid; every other id is only ever looked up.
        const kept = model === 'Session' ? payload : rest;
        const now = deps.now();
        const expiresAtMs =
          typeof payload.exp === 'number' ? payload.exp * 1000 : now + expiresIn * 1000;
        await db.transaction().execute(async (trx) => {
          const entries = createOAuthEntriesRepository(trx);
          const isNewGrant = model === 'Grant' && !(await entries.find('Grant', idHash, iso(now)));
          await entries.upsert({
            model,
            id_hash: idHash,
            payload: sealText(deps.sealKey, JSON.stringify(kept), aad(idHash)),
            grant_hash: payload.grantId ? hashOf(payload.grantId) : null,
            uid_hash: typeof payload.uid === 'string' ? hashOf(payload.uid) : null,
            user_code_hash: payload.userCode ? hashOf(payload.userCode) : null,
            expires_at: iso(expiresAtMs),
            consumed_at: null,
          });
          if (isNewGrant && payload.accountId && payload.clientId)
            await deps.trace(trx, {
              action: 'oauth.grant_approve',
              accountId: payload.accountId,
              clientId: payload.clientId,
              details: { scope: grantedScopes(payload) },
            });
          // Expired rows go on write, at most once a minute (the table only holds live state).
          if (now - lastPurge > PURGE_EVERY_MS) {
            lastPurge = now;
            await entries.purgeExpired(iso(now));
          }
        });
      },

      async find(id) {
        if (model === 'Client') {
          const row = await createOAuthClientsRepository(db).find(id);
          return row ? clientMetadataOf(row) : undefined;
        }
        const idHash = hashOf(id);
        const row = await createOAuthEntriesRepository(db).find(model, idHash, iso(deps.now()));
        return row ? restore(row, id) : undefined;
      },

      async findByUid(uid) {
        const row = await createOAuthEntriesRepository(db).findBy(
          model,
          'uid_hash',
          hashOf(uid),
          iso(deps.now()),
        );
        return row ? restore(row, undefined) : undefined;
      },

      async findByUserCode(userCode) {
        const row = await createOAuthEntriesRepository(db).findBy(
          model,
          'user_code_hash',
          hashOf(userCode),
          iso(deps.now()),
        );
        return row ? restore(row, undefined) : undefined;
      },

      async consume(id) {
        await createOAuthEntriesRepository(db).consume(model, hashOf(id), iso(deps.now()));
      },

      async destroy(id) {
        await db.transaction().execute(async (trx) => {
          const row = await createOAuthEntriesRepository(trx).delete(model, hashOf(id));
          if (!row) return;
          const payload = restore(row, undefined);
          if (!payload.accountId || !payload.clientId) return;
          if (model === 'AccessToken' || model === 'RefreshToken')
            await deps.trace(trx, {
              action: 'oauth.token_revoke',
              accountId: payload.accountId,
              clientId: payload.clientId,
              details: { kind: model },
            });
          else if (model === 'Grant')
            await deps.trace(trx, {
              action: 'oauth.grant_revoke',
              accountId: payload.accountId,
              clientId: payload.clientId,
              details: {},
            });
        });
      },

      async revokeByGrantId(grantId) {
        const grantHash = hashOf(grantId);
        await db.transaction().execute(async (trx) => {
          const removed = await createOAuthEntriesRepository(trx).deleteByGrant(model, grantHash);
          // A reused code revokes what it issued (RFC 6749 §4.1.2): traced once, on its tokens.
          if (removed === 0 || model !== 'AccessToken') return;
          const grant = await readGrant(trx, grantHash);
          if (grant?.accountId && grant.clientId)
            await deps.trace(trx, {
              action: 'oauth.grant_revoke',
              accountId: grant.accountId,
              clientId: grant.clientId,
              details: { tokens: String(removed) },
            });
        });
      },
    };
  };
}

/** The scopes a grant holds, space-separated (the trace's detail). */
function grantedScopes(payload: AdapterPayload): string {
  const grant = payload as { openid?: { scope?: string }; resources?: Record<string, string> };
  return [grant.openid?.scope ?? '', ...Object.values(grant.resources ?? {})].join(' ').trim();
}
