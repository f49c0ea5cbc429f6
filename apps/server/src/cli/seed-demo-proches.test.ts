import type { DocumentList, ProfileList } from '@carnet/shared';
import { afterEach, expect, test } from 'vitest';
import { signIn } from '../../test/builders.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { demoPatient, seedDemo } from './seed-demo.ts';
import { demoProches } from './seed-demo-proches.ts';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

test('the demo makes Inaya the legal representative of Léo, whose secret document she does not see', async () => {
  t = await createTestApp();
  await seedDemo(t.deps, { onlyIfEmpty: true });
  const client = await signIn(t, demoPatient);
  const profiles = (await client.get('/api/profiles')).json<ProfileList>();
  expect(profiles.profiles.map((p) => p.firstName)).toEqual(['Inaya', 'Léo']);
  const leo = profiles.profiles[1]!;
  await client.send('PUT', '/api/profiles/current', { patientId: leo.patientId });
  const list = (await client.get('/api/documents')).json<DocumentList>();
  expect(list.items.map((d) => d.title).sort()).toEqual([
    'Carnet de vaccination de Léo',
    'Certificat d’aptitude au sport',
  ]);
  // Thomas and Claire sign in with their own accounts; seeding twice adds nothing.
  await signIn(t, demoProches.partner);
  await signIn(t, demoProches.neighbour);
  expect(await seedDemo(t.deps, { onlyIfEmpty: true })).toBe(false);
  expect(await t.deps.database.db.selectFrom('delegations').select('id').execute()).toHaveLength(1);
});
