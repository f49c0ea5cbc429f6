import type { DocumentList } from '@carnet/shared';
import { afterEach, expect, test } from 'vitest';
import { signIn } from '../../test/builders.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { demoPatient, seedDemo } from './seed-demo.ts';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

test('the demo gives Inaya a dozen documents in several categories, some by professionals, one masked', async () => {
  t = await createTestApp();
  await seedDemo(t.deps, { onlyIfEmpty: true });
  const client = await signIn(t, demoPatient);
  const list = (await client.get('/api/documents')).json<DocumentList>();
  expect(list.total).toBe(12);
  expect(new Set(list.items.map((d) => d.category)).size).toBeGreaterThanOrEqual(8);
  const byProfessionals = list.items.filter((d) => d.author.type === 'professional');
  expect(byProfessionals.length).toBeGreaterThanOrEqual(5);
  expect(byProfessionals.map((d) => d.author.name)).toContain('Dr Adama Ndiaye');
  expect(list.items.filter((d) => d.confidentiality === 'masque')).toHaveLength(1);
  expect(await t.deps.jobWorker.drain()).toBeGreaterThanOrEqual(11);
  const after = (await client.get('/api/documents')).json<DocumentList>();
  expect(after.items.filter((d) => d.preview === 'ready').length).toBeGreaterThanOrEqual(11);
  expect((await t.deps.documentMaintenance.check({ deep: true })).corrupted).toEqual([]);
  // The whole demo (now with Léo, Thomas and Claire) and a dozen previews: slow on a busy machine.
}, 60_000);
