/** Test helpers of Proches: a family (Inaya, her son Léo), invitations, traces. */
import { givenActivePatient, signIn, uniqueIns } from '../../../test/builders.ts';
import type { TestApp, TestClient } from '../../../test/test-app.ts';
import { outboxMessages } from '../../../test/test-app.ts';

/** The code provisoire of the newest activation message sent to `to`. */
export async function activationCodeSentTo(t: TestApp, to: string): Promise<string> {
  const codes = (await outboxMessages(t.deps))
    .filter((m) => m.to === to)
    .map((m) => /code provisoire est : ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(m.text)?.[1])
    .filter((c) => c !== undefined);
  const code = codes.at(-1);
  if (!code) throw new Error(`no activation code sent to ${to}`);
  return code;
}

/** Inaya signed in, her son Léo (8) attached and activated by her. */
export async function givenInayaAndLeo(t: TestApp) {
  const inaya = await givenActivePatient(t);
  const inayaClient = await signIn(t, inaya);
  const leoIns = uniqueIns();
  const leo = await t.deps.delegations.createChildProfile({
    ins: leoIns,
    firstName: 'Léo',
    lastName: 'Michel',
    birthDate: '2018-03-14',
    email: null,
    mobile: null,
    representativeIns: inaya.ins,
  });
  const code = await activationCodeSentTo(t, inaya.email);
  const activated = await inayaClient.post('/api/delegations/children/activate', {
    activationCode: code,
    ins: leoIns,
    birthDate: '2018-03-14',
    certify: true,
  });
  if (activated.statusCode !== 201) throw new Error(`activation answered ${activated.body}`);
  return { inaya, inayaClient, leo, leoIns };
}

/** Another adult with an account, signed in. */
export async function givenAdult(
  t: TestApp,
  names: { firstName: string; lastName: string; birthDate?: string; ins?: string },
) {
  const person = await givenActivePatient(t, {
    ...(names.ins ? { ins: names.ins } : {}),
    firstName: names.firstName,
    lastName: names.lastName,
    birthDate: names.birthDate ?? '1985-06-01',
  });
  return { ...person, client: await signIn(t, person) };
}

/** The identity of a person as an invitation names her. */
export const identityOf = (p: {
  ins: string;
  firstName: string;
  lastName: string;
  birthDate: string;
}) => ({ ins: p.ins, firstName: p.firstName, lastName: p.lastName, birthDate: p.birthDate });

/** Selects a profile in the header's switcher. */
export const switchTo = (client: TestClient, patientId: string) =>
  client.send('PUT', '/api/profiles/current', { patientId });

/** The id of the pending invitation `client` received. */
export async function receivedInvitation(client: TestClient): Promise<string> {
  const sharing = (await client.get('/api/delegations')).json<{
    received: { id: string; status: string }[];
  }>();
  const pending = sharing.received.find((d) => d.status === 'PENDING');
  if (!pending) throw new Error('no pending invitation');
  return pending.id;
}

/** Traces of a record, oldest first. */
export function tracesOfRecord(t: TestApp, patientId: string) {
  return t.deps.database.db
    .selectFrom('traces')
    .select(['action', 'actor_type', 'actor_id', 'outcome', 'details', 'target_id'])
    .where('patient_id', '=', patientId)
    .orderBy('seq')
    .execute();
}

/** `helped` invites `aidant` (by INS, names, birth date), who accepts; the delegation id. */
export async function giveAidantAccess(
  helped: { client: TestClient },
  aidant: {
    client: TestClient;
    ins: string;
    firstName: string;
    lastName: string;
    birthDate: string;
  },
): Promise<string> {
  const invited = await helped.client.post('/api/delegations/aidants', identityOf(aidant));
  if (invited.statusCode !== 201) throw new Error(`invite answered ${invited.body}`);
  const id = await receivedInvitation(aidant.client);
  const accepted = await aidant.client.post(`/api/delegations/${id}/accept`, {});
  if (accepted.statusCode !== 204) throw new Error(`accept answered ${accepted.body}`);
  return id;
}
