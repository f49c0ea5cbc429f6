import type { DocumentList, HistoryPage, ProfileList } from '@carnet/shared';
import { afterEach, describe, expect, it } from 'vitest';
import {
  givenGrant,
  givenProfessional,
  signInProfessional,
} from '../../../test/access-builders.ts';
import { createTestApp } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { upload } from '../documents/documents.test-support.ts';
import { NOT_FOUND, addDocument, proUpload } from '../documents/pro-documents.test-support.ts';
import { givenInayaAndLeo, switchTo, tracesOfRecord } from './delegations.test-support.ts';

let t: TestApp;
afterEach(async () => t?.close());

describe('the acting person of patient-side requests (profile switcher)', () => {
  it('lists her own profile and her son’s, and every page then acts on the selected one', async () => {
    t = await createTestApp();
    const { inaya, inayaClient, leo } = await givenInayaAndLeo(t);
    const list = (await inayaClient.get('/api/profiles')).json<ProfileList>();
    expect(list.current).toBe(inaya.patient.id);
    expect(list.profiles.map((p) => [p.firstName, p.role])).toEqual([
      ['Inaya', 'titulaire'],
      ['Léo', 'representant-legal'],
    ]);

    expect((await switchTo(inayaClient, leo.id)).json<ProfileList>().current).toBe(leo.id);
    const added = await upload(t, inayaClient, {
      filename: 'carnet-vaccins.txt',
      contentType: 'text/plain',
      data: Buffer.from('Vaccins de Léo'),
    });
    expect(added.statusCode).toBe(201);
    const leoDocs = (await inayaClient.get('/api/documents')).json<DocumentList>();
    expect(leoDocs.total).toBe(1);
    const traces = await tracesOfRecord(t, leo.id);
    const add = traces.find((r) => r.action === 'document.add')!;
    expect(add.actor_type).toBe('legal-representative');
    expect(add.actor_id).toBe(inaya.patient.id);
    expect(JSON.parse(add.details)).toMatchObject({ pourLeCompteDe: leo.id });

    await switchTo(inayaClient, inaya.patient.id);
    expect((await inayaClient.get('/api/documents')).json<DocumentList>().total).toBe(0);
    const history = (
      await (async () => {
        await switchTo(inayaClient, leo.id);
        return inayaClient.get('/api/history?tab=proches');
      })()
    ).json<HistoryPage>();
    expect(history.entries.map((e) => e.actor.name)).toContain(
      'Inaya Michel, représentant légal pour le compte de Léo Michel',
    );
  });

  it('switching to a profile one does not represent answers 404 and is traced', async () => {
    t = await createTestApp();
    const { inayaClient, leo } = await givenInayaAndLeo(t);
    const other = await givenInayaAndLeo(t);
    const denied = await switchTo(inayaClient, other.leo.id);
    expect(denied.statusCode).toBe(404);
    expect(denied.json()).toEqual(NOT_FOUND);
    const unknown = await switchTo(inayaClient, 'pat_unknown');
    expect(unknown.json()).toEqual(NOT_FOUND);
    const trace = (await tracesOfRecord(t, other.leo.id)).find(
      (r) => r.action === 'profile.switch',
    );
    expect(trace).toMatchObject({ outcome: 'denied', actor_type: 'patient' });
    expect((await inayaClient.get('/api/profiles')).json<ProfileList>().current).not.toBe(
      other.leo.id,
    );
    expect((await switchTo(inayaClient, '../x')).statusCode).toBe(400);
    expect(leo.id).not.toBe(other.leo.id);
  });

  it('a revoked delegation denies the very next request, traced', async () => {
    t = await createTestApp();
    const { inaya, inayaClient, leo } = await givenInayaAndLeo(t);
    await switchTo(inayaClient, leo.id);
    expect((await inayaClient.get('/api/documents')).statusCode).toBe(200);
    const delegation = await t.deps.database.db
      .selectFrom('delegations')
      .select('id')
      .where('patient_id', '=', leo.id)
      .executeTakeFirstOrThrow();
    expect(
      (await inayaClient.post(`/api/delegations/${delegation.id}/revoke`, {})).statusCode,
    ).toBe(204);
    const next = await inayaClient.get('/api/documents');
    expect(next.statusCode).toBe(404);
    expect(next.json()).toEqual(NOT_FOUND);
    const denied = (await tracesOfRecord(t, leo.id)).filter((r) => r.outcome === 'denied');
    expect(denied.map((r) => [r.action, r.actor_id])).toContainEqual([
      'profile.act',
      inaya.patient.id,
    ]);
    // The switcher falls back on her own profile.
    const list = (await inayaClient.get('/api/profiles')).json<ProfileList>();
    expect(list).toMatchObject({ current: inaya.patient.id });
    expect(list.profiles).toHaveLength(1);
  });

  it('a request from a tab showing another profile than the session’s is refused', async () => {
    t = await createTestApp();
    const { inaya, inayaClient: client, leo } = await givenInayaAndLeo(t);
    await switchTo(client, leo.id);
    const stale = await t.app.inject({
      method: 'GET',
      url: '/api/documents',
      headers: {
        cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-carnet-profile': inaya.patient.id,
      },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ error: { code: string } }>().error.code).toBe('profile.changed');
    const same = await t.app.inject({
      method: 'GET',
      url: '/api/documents',
      headers: {
        cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-carnet-profile': leo.id,
      },
    });
    expect(same.statusCode).toBe(200);
  });

  it('a professional’s session has no patient side', async () => {
    t = await createTestApp();
    const ps = await givenProfessional(t, { firstName: 'Adama', lastName: 'Ndiaye' });
    const client = await signInProfessional(t, ps);
    expect((await client.get('/api/profiles')).statusCode).toBe(401);
    expect((await client.get('/api/documents')).statusCode).toBe(401);
  });
});

describe('documents invisible to legal representatives (INVISIBLE_REPRESENTANTS_LEGAUX)', () => {
  it('are absent for the representative from the list, total, search, reads and history titles, not for the professional', async () => {
    t = await createTestApp();
    const { inayaClient, leo } = await givenInayaAndLeo(t);
    const ps = await givenProfessional(t, { firstName: 'Adama', lastName: 'Ndiaye' });
    await givenGrant(t, leo.id, ps.professional.id, 'authorized');
    const psClient = await signInProfessional(t, ps);
    const secret = await proUpload(t, psClient, leo.id, {
      title: 'Consultation confidentielle',
      category: 'CPT_REND',
      invisibleToLegalRepresentatives: 'true',
    });
    expect(secret.statusCode).toBe(201);
    const secretId = secret.json<{ id: string }>().id;
    await addDocument(t, leo.id, { title: 'Consultation pédiatre' });
    expect(
      (
        await proUpload(t, psClient, leo.id, {
          title: 'X',
          category: 'CPT_REND',
          invisibleToLegalRepresentatives: 'oui',
        })
      ).statusCode,
    ).toBe(400);

    await switchTo(inayaClient, leo.id);
    const list = (await inayaClient.get('/api/documents')).json<DocumentList>();
    expect(list.items.map((d) => d.title)).toEqual(['Consultation pédiatre']);
    expect(list.total).toBe(1);
    const search = (await inayaClient.get('/api/documents?q=confidentielle')).json<DocumentList>();
    expect(search.total).toBe(0);
    expect((await inayaClient.get(`/api/documents/${secretId}`)).json()).toEqual(NOT_FOUND);
    expect((await inayaClient.get(`/api/documents/${secretId}/download`)).statusCode).toBe(404);
    const history = (await inayaClient.get('/api/history?tab=professionnels')).json<HistoryPage>();
    expect(history.entries.length).toBeGreaterThan(0);
    expect(JSON.stringify(history)).not.toContain('Consultation confidentielle');

    const proList = await psClient.get(`/api/pro/patients/${leo.id}/documents`);
    expect(proList.body).toContain('Consultation confidentielle');
  });
});
