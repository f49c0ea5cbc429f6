/** Small per-domain builders for tests: a patient, a signed-in client. */
import type { NewPatient } from '../src/modules/patients/patients.service.ts';
import type { TestApp, TestClient } from './test-app.ts';
import { createClient, lastCodeSentTo, outboxMessages } from './test-app.ts';

let counter = 0;

/** A valid INS unique within the run. */
export function uniqueIns(): string {
  counter += 1;
  return `2880475${String(100000 + counter).slice(-6)}${String(10 + (counter % 89)).padStart(2, '0')}`;
}

/** An active patient with credentials; the default is the demo's Inaya. */
export async function givenActivePatient(
  t: TestApp,
  overrides: Partial<
    Omit<NewPatient, 'email'> & { email: string; identifiant: string; password: string }
  > = {},
) {
  const input = {
    ins: uniqueIns(),
    firstName: 'Inaya',
    lastName: 'Michel',
    birthDate: '1988-04-12',
    email: `inaya${counter}@example.org`,
    mobile: '+33 6 11 12 13 14',
    identifiant: `inaya.michel${counter}`,
    password: 'Carnet-demo-2026',
    ...overrides,
  };
  const patient = await t.deps.activation.createActivatedProfile(input);
  return { patient, ...input };
}

/** Runs the 3 steps and returns a client holding a full session. */
export async function signIn(
  t: TestApp,
  who: { identifiant: string; password: string; email: string | null },
  client: TestClient = createClient(t.app),
) {
  const step1 = await client.post('/api/auth/login', {
    identifiant: who.identifiant,
    password: who.password,
  });
  if (step1.statusCode !== 200)
    throw new Error(`step 1 answered ${step1.statusCode} ${step1.body}`);
  const step2 = await client.post('/api/auth/login/code', { channel: 'email' });
  if (step2.statusCode !== 200)
    throw new Error(`step 2 answered ${step2.statusCode} ${step2.body}`);
  const code = await lastCodeSentTo(t.deps, who.email!);
  const step3 = await client.post('/api/auth/login/verify', { code });
  if (step3.statusCode !== 200)
    throw new Error(`step 3 answered ${step3.statusCode} ${step3.body}`);
  return client;
}

/** A profile created as the operator does, awaiting activation; its code provisoire read from the outbox. */
export async function givenPendingProfile(t: TestApp) {
  const ins = uniqueIns();
  const email = `${ins}@example.org`;
  const birthDate = '1990-02-03';
  await t.deps.activation.createProfile({
    ins,
    firstName: 'Léa',
    lastName: 'Martin',
    birthDate,
    email,
    mobile: null,
  });
  const mail = (await outboxMessages(t.deps)).find((m) => m.to === email)!;
  const activationCode = /([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(mail.text)![1]!;
  return { ins, email, activationCode, birthDate };
}
