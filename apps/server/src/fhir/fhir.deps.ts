/** What the FHIR plugin needs: the same module services as the web API (it only maps). */
import type { ProfessionalAccessService } from '../modules/access/professional-access.service.ts';
import type { ApiTokensService } from '../modules/api-tokens/api-tokens.service.ts';
import type { ProDocumentReadsService } from '../modules/documents/pro-documents.service.ts';
import type { ProDocumentWritesService } from '../modules/documents/pro-document-writes.service.ts';
import type { ProDocumentBundleService } from '../modules/documents/pro-document-bundle.service.ts';
import type { ProDocumentSearchService } from '../modules/documents/pro-documents-search.service.ts';
import type { ProfessionalsService } from '../modules/professionals/professionals.service.ts';
import type { PatientsService } from '../modules/patients/patients.service.ts';
import type { ProProfileService } from '../modules/profile/pro-profile.service.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database } from '../platform/db/schema.ts';
import type { Kysely } from 'kysely';
import type { HistoryService } from '../modules/traces/history.service.ts';
import type { OAuthTokens } from './fhir-auth.ts';

/** Dependencies of the FHIR plugin. */
export interface FhirDeps {
  apiTokens: ApiTokensService;
  /** The OAuth authorization server: its endpoints (metadata) and its access tokens. */
  oauth?:
    (OAuthTokens & { endpoints: { authorize: string; token: string; revoke: string } }) | undefined;
  proAccess: ProfessionalAccessService;
  proDocuments: ProDocumentReadsService &
    ProDocumentWritesService &
    ProDocumentSearchService &
    ProDocumentBundleService;
  professionals: ProfessionalsService;
  patients: Pick<PatientsService, 'findByIns'>;
  /** The profile as the professional space reads it (Immunization ← Vaccinations). */
  proProfile: Pick<ProProfileService, 'read' | 'recordOfEntry'>;
  /** Handed to services that take a db handle as argument (directory lookups); never queried here. */
  db: Kysely<Database>;
  clock: Clock;
  history: HistoryService;
  /** Public base URL of the server (links of Bundles, OAuth endpoints). */
  publicUrl: string;
  maxDocumentBytes: number;
}
