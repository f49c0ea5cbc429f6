/**
 * `GET /fhir/R4/metadata`: the CapabilityStatement listing exactly what this plugin implements
 * (INTEROP.md); a test compares it with the registered routes' behaviour.
 */
import type { CapabilityStatement, CapabilityStatementRestResource } from 'fhir/r4.js';

const search = (name: string, type: 'token' | 'date' | 'reference' | 'number' | 'string') => ({
  name,
  type,
});

/** The resources, interactions and search parameters implemented. */
export const implementedResources: CapabilityStatementRestResource[] = [
  {
    type: 'Patient',
    interaction: [{ code: 'read' }, { code: 'search-type' }],
    searchParam: [search('identifier', 'token')],
    operation: [
      { name: 'consent', definition: 'https://carnet.sante.fr/fhir/OperationDefinition/consent' },
      {
        name: 'emergency-access',
        definition: 'https://carnet.sante.fr/fhir/OperationDefinition/emergency-access',
      },
    ],
  },
  {
    type: 'DocumentReference',
    supportedProfile: [
      'https://profiles.ihe.net/ITI/MHD/StructureDefinition/IHE.MHD.Minimal.DocumentReference',
    ],
    interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'patch' }],
    searchParam: [
      search('patient', 'reference'),
      search('patient.identifier', 'token'),
      search('status', 'token'),
      search('type', 'token'),
      search('category', 'token'),
      search('date', 'date'),
      search('author.identifier', 'token'),
      search('_count', 'number'),
      search('_sort', 'string'),
    ],
  },
  { type: 'Binary', interaction: [{ code: 'read' }] },
  {
    type: 'List',
    supportedProfile: [
      'https://profiles.ihe.net/ITI/MHD/StructureDefinition/IHE.MHD.Minimal.SubmissionSet',
    ],
    interaction: [{ code: 'read' }],
  },
  {
    type: 'Immunization',
    interaction: [{ code: 'read' }, { code: 'search-type' }],
    searchParam: [search('patient', 'reference'), search('patient.identifier', 'token')],
  },
  {
    type: 'AuditEvent',
    interaction: [{ code: 'search-type' }],
    searchParam: [search('patient', 'reference')],
  },
];

/** The CapabilityStatement of this server. */
export function capabilityStatement(input: {
  publicUrl: string;
  oauth?: { authorize: string; token: string; revoke: string } | undefined;
}): CapabilityStatement {
  const base = `${input.publicUrl}/fhir/R4`;
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-07',
    kind: 'instance',
    software: { name: 'Carnet' },
    implementation: { description: 'Carnet — API FHIR R4 (IHE MHD ITI-65/67/68)', url: base },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    patchFormat: ['application/json-patch+json'],
    implementationGuide: ['https://profiles.ihe.net/ITI/MHD/ImplementationGuide/ihe.iti.mhd'],
    rest: [
      {
        mode: 'server',
        security: {
          cors: false,
          service: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/restful-security-service',
                  code: input.oauth ? 'SMART-on-FHIR' : 'OAuth',
                },
              ],
            },
          ],
          description:
            'Jeton porteur (Authorization: Bearer) lié à un professionnel, valable au plus 1 h.',
          ...(input.oauth
            ? {
                extension: [
                  {
                    url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
                    extension: [
                      { url: 'authorize', valueUri: input.oauth.authorize },
                      { url: 'token', valueUri: input.oauth.token },
                      { url: 'revoke', valueUri: input.oauth.revoke },
                    ],
                  },
                ],
              }
            : {}),
        },
        resource: implementedResources,
        interaction: [{ code: 'transaction' }],
      },
    ],
  };
}
