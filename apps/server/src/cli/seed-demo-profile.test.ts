import type { MedicalProfile } from '@carnet/shared';
import { afterEach, expect, test } from 'vitest';
import { signIn } from '../../test/builders.ts';
import { createTestApp, outboxMessages } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { demoPatient, seedDemo } from './seed-demo.ts';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

test('the demo gives Inaya entries in each rubrique, two years of weights and tension, and a due rappel', async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-12-07T10:00:00Z'));
  await seedDemo(t.deps, { onlyIfEmpty: true });
  const client = await signIn(t, demoPatient);
  const profile = (await client.get('/api/profile')).json<MedicalProfile>();
  for (const r of profile.rubriques) expect(r.entries.length, r.code).toBeGreaterThan(0);
  const measures = profile.rubriques.find((r) => r.code === 'mesures')!.entries.map((e) => e.data);
  const weights = measures.flatMap((d) =>
    d.type === 'mesure' && d.measure === 'poids' ? [d.date] : [],
  );
  expect(weights.length).toBeGreaterThanOrEqual(10);
  expect(weights[0]! <= '2024-12-07').toBe(true);
  expect(
    measures.filter((d) => d.type === 'mesure' && d.measure === 'tension').length,
  ).toBeGreaterThanOrEqual(10);
  expect(profile.bmi).not.toBeNull();
  const vaccinations = profile.rubriques.find((r) => r.code === 'vaccinations')!.entries;
  expect(vaccinations.some((e) => e.nextDate !== null && e.nextDate <= '2026-12-07')).toBe(true);
  // The due rappel's reminder leaves on the worker's first run.
  await t.deps.jobWorker.drain();
  const reminders = (await outboxMessages(t.deps)).filter(
    (m) => 'subject' in m && m.subject === 'Vous avez un rappel',
  );
  expect(reminders).toHaveLength(1);
}, 60_000);
