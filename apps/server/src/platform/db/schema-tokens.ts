/** Tables of the API tokens of professional software (FHIR API, issue 10). */

/** A bearer token bound to one professional; only its SHA-256 is stored. */
export interface ApiTokensTable {
  id: string;
  token_hash: string;
  professional_id: string;
  /** The software it was issued to (`cli` for the operator's command). */
  client_id: string;
  scope: string;
  expires_at: string;
  revoked_at: string | null;
  created_at: string;
}

/** The tokens tables. */
export interface TokensDatabase {
  api_tokens: ApiTokensTable;
}
