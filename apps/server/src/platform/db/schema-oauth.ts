/** Tables of the OAuth 2.0 authorization server (issue 10, INTEROP.md "Authentication"). */

/** Professional software an operator registered (public client, PKCE, exact redirect URIs). */
export interface OAuthClientsTable {
  client_id: string;
  name: string;
  /** JSON array of the registered redirect URIs. */
  redirect_uris: string;
  /** 1 when the client may receive refresh tokens. */
  refresh_tokens: number;
  created_at: string;
}

/** One stored model of oidc-provider (code, token, grant, session, interaction), by id hash. */
export interface OAuthEntriesTable {
  model: string;
  id_hash: string;
  payload: string;
  grant_hash: string | null;
  uid_hash: string | null;
  user_code_hash: string | null;
  expires_at: string;
  consumed_at: string | null;
}

/** The OAuth tables. */
export interface OAuthDatabase {
  oauth_clients: OAuthClientsTable;
  oauth_entries: OAuthEntriesTable;
}
