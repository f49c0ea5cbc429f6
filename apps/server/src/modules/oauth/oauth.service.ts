/**
 * OAuth 2.0 for professional software (issue 10, INTEROP.md "Authentication"): registered
 * clients, the interaction (sign-in and consent by the professional), and the access tokens the
 * FHIR API accepts. The protocol itself is oidc-provider's (oauth-provider.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import type Provider from 'oidc-provider';
import type { TraceStore } from '../../platform/audit/trace-store.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { OAuthClientsTable } from '../../platform/db/schema-oauth.ts';
import type { Professional, ProfessionalsService } from '../professionals/professionals.service.ts';
import { createOAuthAdapter } from './oauth-adapter.ts';
import { createOAuthClientsRepository } from './oauth-clients.repository.ts';
import { createOAuthProvider, FHIR_SCOPES, OAUTH_ROUTES } from './oauth-provider.ts';
import { oauthErrors } from './oauth.errors.ts';

/** French wording of each scope on the consent screen. */
export const scopeLabels: Record<string, string> = {
  'user/*.read': 'Consulter les dossiers et documents auxquels vous avez accès',
  'user/*.write': 'Ajouter et modifier des documents en votre nom',
  offline_access: 'Rester connecté sans vous redemander votre accord (jeton de rafraîchissement)',
};

/** What the consent screen shows. */
export interface InteractionView {
  uid: string;
  clientName: string;
  scopes: { code: string; label: string }[];
}

/** A registered client as listed. */
export interface OAuthClient {
  clientId: string;
  name: string;
  redirectUris: string[];
  refreshTokens: boolean;
  createdAt: string;
}

const toClient = (row: OAuthClientsTable): OAuthClient => ({
  clientId: row.client_id,
  name: row.name,
  redirectUris: JSON.parse(row.redirect_uris) as string[],
  refreshTokens: row.refresh_tokens === 1,
  createdAt: row.created_at,
});

/** https anywhere, http only on the loopback (RFC 8252 §7.3); never a fragment (RFC 6749 §3.1.2). */
export function isAcceptableRedirectUri(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.hash !== '' || value.includes('#') || url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

type Raw = { req: IncomingMessage; res: ServerResponse };

/** Creates the OAuth service. */
export function createOAuthService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  newId: (prefix: string) => string;
  traces: TraceStore;
  professionals: Pick<ProfessionalsService, 'find'>;
  hasAccount: (professionalId: string) => Promise<boolean>;
  publicUrl: string;
  /** 32-byte keys derived from the master key: payload sealing, cookie signing, token signing. */
  keys: { seal: Buffer; cookies: Buffer; signing: Buffer };
  trustProxy: boolean;
}) {
  const publicUrl = deps.publicUrl.replace(/\/$/, '');
  const issuer = `${publicUrl}/oauth`;
  const resource = `${publicUrl}/fhir/R4`;
  const accountExists = async (accountId: string) =>
    (await deps.professionals.find(accountId)) !== undefined && (await deps.hasAccount(accountId));

  const provider: Provider = createOAuthProvider({
    issuer,
    resource,
    adapter: createOAuthAdapter({
      db: deps.db,
      sealKey: deps.keys.seal,
      now: () => Date.now(),
      trace: (on, event) =>
        deps.traces
          .append(on, {
            patientId: null,
            actor: { type: 'professional', id: event.accountId },
            action: event.action,
            target: { type: 'oauth_client', id: event.clientId },
            details: event.details,
          })
          .then(() => undefined),
    }),
    cookieKey: deps.keys.cookies,
    signingSeed: deps.keys.signing,
    accountExists,
    secureCookies: new URL(publicUrl).protocol === 'https:',
    trustProxy: deps.trustProxy,
  });

  /** The interaction of this browser (its cookie), checked against the URL's uid. */
  async function interactionOf(raw: Raw, uid: string) {
    try {
      const interaction = await provider.interactionDetails(raw.req, raw.res);
      if (interaction.uid !== uid) throw oauthErrors.interactionNotFound();
      return interaction;
    } catch {
      throw oauthErrors.interactionNotFound();
    }
  }

  return {
    provider,
    /** The endpoints published in the CapabilityStatement and smart-configuration. */
    endpoints: {
      issuer,
      authorize: `${issuer}${OAUTH_ROUTES.authorization}`,
      token: `${issuer}${OAUTH_ROUTES.token}`,
      revoke: `${issuer}${OAUTH_ROUTES.revocation}`,
    },

    /** Registers a public client (operator); returns it with its generated client_id. */
    async addClient(input: {
      name: string;
      redirectUris: string[];
      refreshTokens?: boolean;
    }): Promise<OAuthClient> {
      const name = input.name.trim();
      if (name.length < 1 || name.length > 100) throw oauthErrors.clientNameInvalid();
      if (input.redirectUris.length === 0) throw oauthErrors.redirectUriInvalid('(aucune)');
      for (const uri of input.redirectUris)
        if (!isAcceptableRedirectUri(uri)) throw oauthErrors.redirectUriInvalid(uri);
      return insertClient({
        clientId: deps.newId('lps'),
        name,
        redirectUris: [...new Set(input.redirectUris)],
        refreshTokens: input.refreshTokens ?? true,
      });
    },

    /** Registers the demo client under a fixed id, once (seed-demo). */
    async ensureClient(input: {
      clientId: string;
      name: string;
      redirectUris: string[];
    }): Promise<OAuthClient> {
      const existing = await createOAuthClientsRepository(deps.db).find(input.clientId);
      return existing ? toClient(existing) : insertClient({ ...input, refreshTokens: true });
    },

    async listClients(): Promise<OAuthClient[]> {
      return (await createOAuthClientsRepository(deps.db).list()).map(toClient);
    },

    /** Removes a client: its tokens stop working at once (the client no longer resolves). */
    async removeClient(clientId: string): Promise<void> {
      await deps.db.transaction().execute(async (trx) => {
        if (!(await createOAuthClientsRepository(trx).delete(clientId)))
          throw oauthErrors.clientNotFound();
        await deps.traces.append(trx, {
          patientId: null,
          actor: { type: 'operator', id: null },
          action: 'oauth.client_remove',
          target: { type: 'oauth_client', id: clientId },
        });
      });
    },

    /** What the professional is asked to approve. */
    async describeInteraction(raw: Raw, uid: string): Promise<InteractionView> {
      const interaction = await interactionOf(raw, uid);
      const client = await provider.Client.find(String(interaction.params.client_id));
      if (!client) throw oauthErrors.interactionNotFound();
      return {
        uid,
        clientName: client.clientName ?? client.clientId,
        scopes: requestedScopes(interaction.params.scope).map((code) => ({
          code,
          label: scopeLabels[code] ?? code,
        })),
      };
    },

    /** The professional approves: signs the provider in as them and records the grant. */
    async approve(raw: Raw, uid: string, professional: Professional): Promise<string> {
      const interaction = await interactionOf(raw, uid);
      const grant = new provider.Grant({
        accountId: professional.id,
        clientId: String(interaction.params.client_id),
      });
      const scopes = requestedScopes(interaction.params.scope);
      const fhirScopes = scopes.filter((s) => (FHIR_SCOPES as readonly string[]).includes(s));
      if (scopes.includes('offline_access')) grant.addOIDCScope('offline_access');
      if (fhirScopes.length > 0) grant.addResourceScope(resource, fhirScopes.join(' '));
      const grantId = await grant.save();
      return provider.interactionResult(
        raw.req,
        raw.res,
        { login: { accountId: professional.id, remember: false }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    },

    /** The professional refuses: the client receives `error=access_denied` (RFC 6749 §4.1.2.1). */
    async refuse(raw: Raw, uid: string): Promise<string> {
      await interactionOf(raw, uid);
      return provider.interactionResult(
        raw.req,
        raw.res,
        {
          error: 'access_denied',
          error_description: 'Le professionnel a refusé l’autorisation.',
        },
        { mergeWithLastSubmission: false },
      );
    },

    /**
     * The professional and scopes of a live provider access token for the FHIR API, read now:
     * a revoked token, a removed client or a professional without account count at once.
     */
    async authenticate(
      token: string,
    ): Promise<{ professional: Professional; scopes: string[] } | undefined> {
      const accessToken = await provider.AccessToken.find(token);
      if (!accessToken || accessToken.isExpired) return undefined;
      const audiences = [accessToken.aud].flat();
      if (!audiences.includes(resource)) return undefined;
      if (!accessToken.clientId || !(await provider.Client.find(accessToken.clientId)))
        return undefined;
      if (!(await provider.Grant.find(accessToken.grantId))) return undefined;
      const professional = await deps.professionals.find(accessToken.accountId);
      if (!professional || !(await deps.hasAccount(professional.id))) return undefined;
      return { professional, scopes: (accessToken.scope ?? '').split(' ').filter(Boolean) };
    },
  };

  async function insertClient(input: {
    clientId: string;
    name: string;
    redirectUris: string[];
    refreshTokens: boolean;
  }): Promise<OAuthClient> {
    const row: OAuthClientsTable = {
      client_id: input.clientId,
      name: input.name,
      redirect_uris: JSON.stringify(input.redirectUris),
      refresh_tokens: input.refreshTokens ? 1 : 0,
      created_at: deps.clock.now().toISOString(),
    };
    await deps.db.transaction().execute(async (trx) => {
      await createOAuthClientsRepository(trx).insert(row);
      await deps.traces.append(trx, {
        patientId: null,
        actor: { type: 'operator', id: null },
        action: 'oauth.client_add',
        target: { type: 'oauth_client', id: row.client_id },
      });
    });
    return toClient(row);
  }
}

/** The scopes of an authorization request, without duplicates. */
function requestedScopes(scope: unknown): string[] {
  return typeof scope === 'string' ? [...new Set(scope.split(' ').filter(Boolean))] : [];
}

/** The OAuth service. */
export type OAuthService = ReturnType<typeof createOAuthService>;
