/**
 * `AuditEvent?patient=<id>` (INTEROP.md): a record's traces for a professional, mapped from the
 * trace store through the history service (no second store) — every professional's accesses for
 * the médecin traitant, its own actions for any other professional (ACCESS.md "read access traces
 * of the record"). Denied like a missing record otherwise; the read itself is traced.
 */
import type { HistoryEntry } from '@carnet/shared';
import type { AuditEvent } from 'fhir/r4.js';
import type { FastifyInstance } from 'fastify';
import { isNotFound } from './document-reference.routes.ts';
import type { FhirAuth } from './fhir-auth.ts';
import { fromFhirId, toFhirId } from './fhir-ids.ts';
import type { FhirDeps } from './fhir.deps.ts';
import { FhirError } from './operation-outcome.ts';
import { parseSearchQuery, searchSetOf } from './search-params.ts';

/** Our trace actions as AuditEvent types. */
const actionSystem = 'https://carnet.sante.fr/fhir/CodeSystem/trace-action';

const outcomes = { success: '0', denied: '4', failure: '8' } as const;

/** One history line as an AuditEvent. */
function toAuditEvent(entry: HistoryEntry, patientId: string): AuditEvent {
  return {
    resourceType: 'AuditEvent',
    id: toFhirId(entry.id),
    type: { system: actionSystem, code: entry.action, display: entry.label },
    recorded: entry.at,
    outcome: outcomes[entry.outcome],
    ...(entry.mode === 'urgence'
      ? {
          purposeOfEvent: [
            {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'ETREAT' },
              ],
              ...(entry.reason ? { text: entry.reason } : {}),
            },
          ],
        }
      : {}),
    agent: [{ requestor: true, who: { display: entry.actor.name } }],
    source: { observer: { display: 'Carnet' } },
    entity: [
      {
        what: { reference: `Patient/${toFhirId(patientId)}` },
        ...(entry.target ? { description: entry.target } : {}),
      },
    ],
  };
}

/** Registers the AuditEvent search. */
export function registerAuditEventRoutes(
  app: FastifyInstance,
  deps: FhirDeps,
  auth: FhirAuth,
): void {
  const base = `${deps.publicUrl.replace(/\/$/, '')}/fhir/R4`;
  app.get('/AuditEvent', async (request) => {
    const ps = auth.professionalOf(request);
    const query = parseSearchQuery(request, { allowed: ['patient', '_cursor'] });
    const ref = query.params.get('patient')?.[0];
    if (!ref)
      throw new FhirError(400, 'required', 'Le paramètre patient est obligatoire.', 'patient');
    const match = /(?:^|\/)([A-Za-z0-9\-.]{1,64})$/.exec(ref);
    const patientId = (match?.[1] && fromFhirId(match[1], 'pat')) || 'pat_unknown';
    const cursor = query.params.get('_cursor')?.[0];
    if (cursor !== undefined && !/^[A-Za-z0-9_-]{1,200}$/.test(cursor))
      throw new FhirError(400, 'value', 'Lien de page invalide.', '_cursor');
    const facts = await deps.proAccess.traceReadFacts(ps, patientId);
    let page;
    try {
      page = await deps.history.listTracesForProfessional({
        professionalId: ps.id,
        patientId,
        scope: facts.isMedecinTraitant ? 'record' : 'own',
        ...facts,
        query: cursor ? { cursor } : {},
      });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      return searchSetOf({ base, type: 'AuditEvent', self: query.selfQuery, resources: [] });
    }
    let next: string | undefined;
    if (page.nextCursor) {
      const q = new URLSearchParams(query.selfQuery);
      q.set('_cursor', page.nextCursor);
      next = q.toString();
    }
    return searchSetOf({
      base,
      type: 'AuditEvent',
      self: query.selfQuery,
      resources: page.entries.map((e) => toAuditEvent(e, patientId)),
      total: null,
      next,
    });
  });
}
