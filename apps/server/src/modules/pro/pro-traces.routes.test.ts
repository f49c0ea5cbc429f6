/**
 * The professional space's traces route, and the documents module's hooks on the patient side:
 * the per-professional page's "documents ajoutés" and the titles in Historique d'activité.
 */
import type { HistoryPage, ProDocumentSummary, ProfessionalDetail } from '@carnet/shared';
import { afterEach, describe, expect, it } from 'vitest';
import {
  givenGrant,
  givenProfessional,
  signInProfessional,
} from '../../../test/access-builders.ts';
import { createTestApp } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';
import {
  NOT_FOUND,
  docsUrl,
  givenInayaAndNdiaye,
  proUpload,
} from '../documents/pro-documents.test-support.ts';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

const tracesUrl = (patientId: string, query: string) =>
  `/api/pro/patients/${patientId}/traces?${query}`;

async function historyDenials(patientId: string) {
  return t.deps.database.db
    .selectFrom('traces')
    .select(['actor_id', 'outcome'])
    .where('patient_id', '=', patientId)
    .where('action', '=', 'history.read')
    .where('outcome', '=', 'denied')
    .execute();
}

describe('GET /api/pro/patients/:patientId/traces', () => {
  it('the médecin traitant reads every professional’s access to the record', async () => {
    t = await createTestApp();
    const w = await givenInayaAndNdiaye(t);
    await t.deps.patientAccess.declareMedecinTraitant(w.patientId, w.psId);
    const eoso = await givenProfessional(t, { lastName: 'Eoso', firstName: 'Louis' });
    await givenGrant(t, w.patientId, eoso.professional.id, 'authorized');
    await (await signInProfessional(t, eoso)).get(docsUrl(w.patientId));
    const response = await w.ndiayeClient.get(tracesUrl(w.patientId, 'scope=record'));
    expect(response.statusCode).toBe(200);
    const page = response.json<HistoryPage>();
    expect(page.entries[0]).toMatchObject({
      actor: { type: 'professional', name: 'Eoso Louis' },
      action: 'document.list',
      target: 'Documents',
      mode: 'normal',
      outcome: 'success',
    });
  });

  it('any other professional gets 404 for the record’s traces, traced denied, but reads its own', async () => {
    t = await createTestApp();
    const w = await givenInayaAndNdiaye(t);
    await givenGrant(t, w.patientId, w.psId, 'authorized');
    await w.ndiayeClient.get(docsUrl(w.patientId));
    const record = await w.ndiayeClient.get(tracesUrl(w.patientId, 'scope=record'));
    expect([record.statusCode, record.json()]).toEqual([404, NOT_FOUND]);
    expect(await historyDenials(w.patientId)).toEqual([{ actor_id: w.psId, outcome: 'denied' }]);
    const own = await w.ndiayeClient.get(tracesUrl(w.patientId, 'scope=own'));
    expect(own.statusCode).toBe(200);
    const actions = own.json<HistoryPage>().entries.map((e) => e.action);
    expect(actions).toContain('document.list');
    expect(own.json<HistoryPage>().entries.every((e) => e.actor.name === 'Ndiaye Adama')).toBe(
      true,
    );
    const unknown = await w.ndiayeClient.get(tracesUrl('pat_unknown', 'scope=own'));
    expect([unknown.statusCode, unknown.json()]).toEqual([404, NOT_FOUND]);
  });

  it('refuses an unknown scope, a bad period and a patient’s session', async () => {
    t = await createTestApp();
    const w = await givenInayaAndNdiaye(t);
    expect((await w.ndiayeClient.get(tracesUrl(w.patientId, 'scope=all'))).statusCode).toBe(400);
    const period = await w.ndiayeClient.get(
      tracesUrl(w.patientId, 'scope=own&from=2026-11-20&to=2026-11-01'),
    );
    expect(period.statusCode).toBe(400);
    expect((await w.patientClient.get(tracesUrl(w.patientId, 'scope=own'))).statusCode).toBe(401);
  });
});

describe('the patient’s side of a professional’s documents', () => {
  it('the per-professional page lists what it added that the titulaire may see', async () => {
    t = await createTestApp();
    const w = await givenInayaAndNdiaye(t);
    await givenGrant(t, w.patientId, w.psId, 'authorized');
    const fields = { title: 'Ordonnance kiné', date: '2026-11-20', category: 'ORD_SOIN' };
    const shown = (
      await proUpload(t, w.ndiayeClient, w.patientId, fields)
    ).json<ProDocumentSummary>();
    await proUpload(t, w.ndiayeClient, w.patientId, {
      ...fields,
      title: 'Résultat à annoncer',
      invisibleToPatient: 'true',
    });
    const detail = await w.patientClient.get(`/api/access/professionals/${w.psId}`);
    expect(detail.json<ProfessionalDetail>().documents).toEqual([
      { id: shown.id, title: 'Ordonnance kiné', date: '2026-11-20', category: 'ORD_SOIN' },
    ]);
  });

  it('Historique d’activité names the documents the titulaire may see, and only those', async () => {
    t = await createTestApp();
    const w = await givenInayaAndNdiaye(t);
    await givenGrant(t, w.patientId, w.psId, 'administrator');
    const hidden = (
      await proUpload(t, w.ndiayeClient, w.patientId, {
        title: 'Résultat à annoncer',
        category: 'BIOLOGIE',
        invisibleToPatient: 'true',
      })
    ).json<ProDocumentSummary>();
    await w.ndiayeClient.get(`${docsUrl(w.patientId)}/${w.maskedId}/download`);
    await w.ndiayeClient.get(`${docsUrl(w.patientId)}/${hidden.id}/download`);
    const page = (await w.patientClient.get('/api/history?tab=professionnels')).json<HistoryPage>();
    const downloads = page.entries.filter((e) => e.action === 'document.download');
    expect(downloads.map((e) => e.target)).toEqual(['Un document', 'Bilan confidentiel']);
  });
});
