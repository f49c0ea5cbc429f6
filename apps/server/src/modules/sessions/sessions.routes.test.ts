import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { givenActivePatient, signIn } from '../../../test/builders.ts';
import { createClient, createTestApp } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('sessions', () => {
  it('end after 15 minutes without activity', async () => {
    const inaya = await givenActivePatient(t);
    const client = await signIn(t, inaya);
    t.clock.advance(14 * 60_000);
    expect((await client.get('/api/me')).statusCode).toBe(200);
    t.clock.advance(14 * 60_000);
    expect((await client.get('/api/me')).statusCode).toBe(200);
    t.clock.advance(15 * 60_000 + 1);
    expect((await client.get('/api/me')).statusCode).toBe(401);
  });

  it('end 12 hours after sign-in even when active', async () => {
    const inaya = await givenActivePatient(t);
    const client = await signIn(t, inaya);
    for (let i = 0; i < 12 * 6 - 1; i++) {
      t.clock.advance(10 * 60_000);
      expect((await client.get('/api/me')).statusCode).toBe(200);
    }
    t.clock.advance(10 * 60_000);
    expect((await client.get('/api/me')).statusCode).toBe(401);
  });

  it('are deleted server-side at sign-out', async () => {
    const inaya = await givenActivePatient(t);
    const client = await signIn(t, inaya);
    const token = client.cookies.get('__Host-carnet_session')!;
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    const replay = createClient(t.app);
    replay.cookies.set('__Host-carnet_session', token);
    expect((await replay.get('/api/me')).statusCode).toBe(401);
    expect(await t.deps.database.db.selectFrom('sessions').selectAll().execute()).toHaveLength(0);
  });

  it('are listed for the person, who can end another one', async () => {
    const inaya = await givenActivePatient(t);
    const laptop = await signIn(
      t,
      inaya,
      createClient(t.app, { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0' }),
    );
    t.clock.advance(31_000);
    const phone = await signIn(
      t,
      inaya,
      createClient(t.app, {
        'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0) Safari/604.1',
      }),
    );
    const list = (await laptop.get('/api/account/sessions')).json<{
      sessions: Array<{ id: string; current: boolean; device: string }>;
    }>();
    expect(list.sessions).toHaveLength(2);
    expect(list.sessions.find((s) => s.current)?.device).toBe('Chrome sur Linux');
    const other = list.sessions.find((s) => !s.current)!;
    expect(other.device).toBe('Safari sur iOS');
    expect((await laptop.send('DELETE', `/api/account/sessions/${other.id}`)).statusCode).toBe(204);
    expect((await phone.get('/api/me')).statusCode).toBe(401);
    expect((await laptop.get('/api/me')).statusCode).toBe(200);
  });

  it('cannot end a session of another account (404 like a missing one)', async () => {
    const inaya = await givenActivePatient(t);
    const other = await givenActivePatient(t, { firstName: 'Paul', lastName: 'Martin' });
    const inayaClient = await signIn(t, inaya);
    const otherClient = await signIn(t, other);
    const otherId = (await otherClient.get('/api/account/sessions')).json<{
      sessions: Array<{ id: string }>;
    }>().sessions[0]!.id;
    const answer = await inayaClient.send('DELETE', `/api/account/sessions/${otherId}`);
    expect(answer.statusCode).toBe(404);
    expect((await otherClient.get('/api/me')).statusCode).toBe(200);
  });
});
