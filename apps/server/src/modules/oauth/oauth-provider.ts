/**
 * The OAuth 2.0 authorization server (INTEROP.md "Authentication", issue 10): oidc-provider 8
 * (OpenID certified) configured for authorization code + PKCE S256 only, public clients with
 * exact redirect URIs, opaque access tokens for the FHIR API (≤ 1 h), rotating refresh tokens,
 * RFC 7009 revocation. Every authorization asks the professional (no silent re-use of a grant).
 */
import { createPrivateKey } from 'node:crypto';
import Provider, { errors } from 'oidc-provider';
import type { AdapterFactory, Configuration, JWK, KoaContextWithOIDC } from 'oidc-provider';

/** The SMART-style scopes of the FHIR API (read: GET and _search; write: everything else). */
export const FHIR_SCOPES = ['user/*.read', 'user/*.write'] as const;

/** The provider's endpoints under its issuer (oidc-provider's `routes`). */
export const OAUTH_ROUTES = {
  authorization: '/auth',
  token: '/token',
  revocation: '/token/revocation',
} as const;

/** Lifetimes, in seconds. */
export const OAUTH_TTL = {
  accessToken: 3600,
  authorizationCode: 60,
  refreshToken: 14 * 24 * 3600,
  interaction: 15 * 60,
} as const;

/** The PKCS#8 DER prefix of a raw Ed25519 private key (RFC 8410 §7). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** An Ed25519 signing JWK from 32 derived bytes (no key file: derived from the master key). */
function signingJwkOf(seed: Buffer): JWK {
  const key = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  return { ...(key.export({ format: 'jwk' }) as JWK), use: 'sig', alg: 'EdDSA' };
}

const escapeHtml = (value: unknown) =>
  String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Builds the provider; `issuer` is `<public URL>/oauth`, `resource` the FHIR base URL. */
export function createOAuthProvider(input: {
  issuer: string;
  resource: string;
  adapter: AdapterFactory;
  /** 32 bytes for the cookie signing key, 32 bytes seeding the Ed25519 key. */
  cookieKey: Buffer;
  signingSeed: Buffer;
  /** True when the professional may still act (exists and has an account). */
  accountExists: (accountId: string) => Promise<boolean>;
  secureCookies: boolean;
  trustProxy: boolean;
}): Provider {
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    signed: true,
    secure: input.secureCookies,
  };
  const configuration: Configuration = {
    adapter: input.adapter,
    clients: [],
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      id_token_signed_response_alg: 'EdDSA',
    },
    enabledJWA: { idTokenSigningAlgValues: ['EdDSA'] },
    jwks: { keys: [signingJwkOf(input.signingSeed)] },
    cookies: {
      keys: [input.cookieKey.toString('base64url')],
      long: cookieOptions,
      short: cookieOptions,
    },
    async findAccount(_ctx, sub) {
      if (!(await input.accountExists(sub))) return undefined;
      return { accountId: sub, claims: () => ({ sub }) };
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: false },
      revocation: { enabled: true },
      introspection: { enabled: false },
      // No OpenID Connect logout page: there is no ID token and no relying-party session here.
      rpInitiatedLogout: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => input.resource,
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, indicator) {
          if (indicator !== input.resource) throw new errors.InvalidTarget();
          return {
            scope: FHIR_SCOPES.join(' '),
            audience: input.resource,
            accessTokenFormat: 'opaque',
            accessTokenTTL: OAUTH_TTL.accessToken,
          };
        },
      },
    },
    pkce: { methods: ['S256'], required: () => true },
    routes: OAUTH_ROUTES,
    responseTypes: ['code'],
    scopes: ['offline_access'],
    clientBasedCORS: () => false,
    // Tokens live their own lifetime, not the provider's browser session.
    expiresWithSession: () => false,
    // Refresh tokens go to the clients registered for them (rotated at each use, RFC 9700 §2.2.2):
    // `offline_access` would need `prompt=consent` (OIDC Core §11), which plain OAuth clients omit.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Only the grant the professional just approved: every authorization goes through consent.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const grantId = ctx.oidc.result?.consent?.grantId;
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    interactions: {
      url: (_ctx, interaction) =>
        `${new URL(input.issuer).pathname}/interaction/${interaction.uid}`,
    },
    ttl: {
      AccessToken: OAUTH_TTL.accessToken,
      AuthorizationCode: OAUTH_TTL.authorizationCode,
      RefreshToken: OAUTH_TTL.refreshToken,
      Interaction: OAUTH_TTL.interaction,
      Session: OAUTH_TTL.interaction,
      Grant: OAUTH_TTL.refreshToken,
    },
    // An invalid request that cannot go back to the client (unknown client, foreign redirect URI).
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Autorisation impossible – Carnet</title></head><body><main><h1>Autorisation impossible</h1><p>La demande de votre logiciel n’est pas valide. Aucune donnée n’a été transmise.</p><p><code>${escapeHtml(out.error)}</code> ${escapeHtml(out.error_description ?? '')}</p></main></body></html>`;
    },
  };
  const provider = new Provider(input.issuer, configuration);
  provider.proxy = input.trustProxy;
  return provider;
}
