/** Builders of the access domain for tests: a professional with an account, its sign-in, a grant. */
import type { Profession } from '@carnet/shared';
import type { TestApp, TestClient } from './test-app.ts';
import { createClient, lastCodeSentTo } from './test-app.ts';

let counter = 0;

/** The password of every test professional. */
export const PRO_PASSWORD = 'Carnet-demo-2026';

/** A directory professional with an account (RPPS + password + e-mail for the codes). */
export async function givenProfessional(
  t: TestApp,
  overrides: Partial<{
    firstName: string;
    lastName: string;
    profession: Profession;
    specialty: string | null;
    isRegulator: boolean;
    email: string;
  }> = {},
) {
  counter += 1;
  const input = {
    rpps: `2${String(Date.now() % 1e6).padStart(6, '0')}${String(counter).padStart(4, '0')}`,
    firstName: 'Adama',
    lastName: 'Ndiaye',
    profession: 'medecin' as Profession,
    specialty: 'Médecine générale',
    isRegulator: false,
    email: `ps${counter}.${Date.now() % 1e6}@example.org`,
    ...overrides,
  };
  const hash = await t.deps.professionalAccounts.hashPassword(input, PRO_PASSWORD, {
    checkStrength: false,
  });
  const professional = await t.deps.database.db.transaction().execute(async (trx) => {
    const ps = await t.deps.professionals.create(trx, input);
    await t.deps.professionalAccounts.setPassword(trx, ps, hash);
    return ps;
  });
  return { professional, ...input, password: PRO_PASSWORD };
}

/** A professional's 3-step sign-in; returns a client holding its full session. */
export async function signInProfessional(
  t: TestApp,
  who: { rpps: string; email: string },
  client: TestClient = createClient(t.app),
) {
  const step1 = await client.post('/api/pro/auth/login', {
    rpps: who.rpps,
    password: PRO_PASSWORD,
  });
  if (step1.statusCode !== 200)
    throw new Error(`step 1 answered ${step1.statusCode} ${step1.body}`);
  const step2 = await client.post('/api/auth/login/code', { channel: 'email' });
  if (step2.statusCode !== 200)
    throw new Error(`step 2 answered ${step2.statusCode} ${step2.body}`);
  const step3 = await client.post('/api/auth/login/verify', {
    code: await lastCodeSentTo(t.deps, who.email),
  });
  if (step3.statusCode !== 200)
    throw new Error(`step 3 answered ${step3.statusCode} ${step3.body}`);
  return client;
}

/** Sets a grant directly (as demo data does). */
export async function givenGrant(
  t: TestApp,
  patientId: string,
  professionalId: string,
  status: 'authorized' | 'administrator' | 'blocked',
) {
  await t.deps.patientAccess.importGrant({
    patientId,
    professionalId,
    status,
    since: t.clock.now().toISOString(),
  });
}
