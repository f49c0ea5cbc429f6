import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { givenActivePatient } from '../../test/builders.ts';
import { createClient, createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { registerProfessionalsCommands } from './professionals.ts';

let t: TestApp;
let dir: string;
let output: string;
beforeEach(async () => {
  t = await createTestApp();
  dir = mkdtempSync(join(tmpdir(), 'carnet-pro-cli-'));
  output = '';
});
afterEach(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `carnet <args>` against the test app's services. */
async function carnet(...args: string[]) {
  const program = new Command('carnet').exitOverride();
  program.configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  registerProfessionalsCommands(
    program,
    t.deps.config,
    (_config, run) => run(t.deps),
    (text) => void (output += text),
  );
  await program.parseAsync(args, { from: 'user' });
}

const STRONG = 'Stéthoscope-vert-sur-le-bureau';

describe('carnet create-professional', () => {
  it('creates a directory entry with an account the professional signs in with', async () => {
    await carnet(
      'create-professional',
      '--rpps',
      '10000000045',
      '--first-name',
      'Adama',
      '--last-name',
      'Ndiaye',
      '--profession',
      'medecin',
      '--specialty',
      'Médecine générale',
      '--email',
      'Adama.Ndiaye@example.org',
      '--password',
      STRONG,
    );
    expect(output).toContain('with an account');
    const client = createClient(t.app);
    const step1 = await client.post('/api/pro/auth/login', {
      rpps: '10000000045',
      password: STRONG,
    });
    expect(step1.statusCode).toBe(200);
  });

  it('creates a régulateur', async () => {
    await carnet(
      'create-professional',
      '--rpps',
      '10000000078',
      '--first-name',
      'Régis',
      '--last-name',
      'Samu',
      '--profession',
      'medecin',
      '--regulator',
    );
    const ps = await t.deps.professionals.findByRpps(t.deps.database.db, '10000000078');
    expect(ps).toMatchObject({ is_regulator: 1, email: null });
    expect(output).toContain('without account');
  });

  it('refuses a bad RPPS, an unknown profession, a weak password, a duplicate', async () => {
    const base = ['--first-name', 'Louis', '--last-name', 'Eoso', '--profession', 'medecin'];
    await expect(carnet('create-professional', '--rpps', '123', ...base)).rejects.toThrow(
      '11 chiffres',
    );
    await expect(
      carnet(
        'create-professional',
        '--rpps',
        '10000000011',
        ...base.slice(0, 4),
        '--profession',
        'plombier',
      ),
    ).rejects.toThrow('Profession inconnue');
    await expect(
      carnet(
        'create-professional',
        '--rpps',
        '10000000011',
        ...base,
        '--email',
        'louis.eoso@example.org',
        '--password',
        'motdepasse123',
      ),
    ).rejects.toMatchObject({ code: 'account.password_weak' });
    expect(
      await t.deps.professionals.findByRpps(t.deps.database.db, '10000000011'),
    ).toBeUndefined();
    await carnet('create-professional', '--rpps', '10000000011', ...base);
    await expect(
      carnet('create-professional', '--rpps', '10000000011', ...base),
    ).rejects.toMatchObject({ code: 'professional.exists' });
  });
});

describe('carnet set-professional-password', () => {
  it('gives an imported professional an account, then replaces its password', async () => {
    const file = join(dir, 'annuaire.csv');
    writeFileSync(
      file,
      'rpps;nom;prenom;profession;specialite;regulateur;email\n10000000060;Xi;Léa;infirmier;;non;lea.xi@example.org\n',
    );
    await carnet('import-professionals', file);
    expect(output).toContain('1 professional(s) created, 0 updated');
    await carnet('set-professional-password', '--rpps', '10000000060', '--password', STRONG);
    const client = createClient(t.app);
    expect(
      (await client.post('/api/pro/auth/login', { rpps: '10000000060', password: STRONG }))
        .statusCode,
    ).toBe(200);
  });
});

describe('carnet import-professionals', () => {
  it('creates and updates entries, all or nothing', async () => {
    const file = join(dir, 'annuaire.csv');
    writeFileSync(
      file,
      'rpps;nom;prenom;profession\n10000000011;Eoso;Louis;medecin\n10000000029;Eugène;Jean-François;medecin\n',
    );
    await carnet('import-professionals', file);
    writeFileSync(
      file,
      'rpps;nom;prenom;profession;specialite\n10000000011;Eoso;Louis;medecin;Médecine générale\n10000000037;Mendes;Maria;pharmacien;\n',
    );
    await carnet('import-professionals', file);
    expect(output).toContain('1 professional(s) created, 1 updated');
    const eoso = await t.deps.professionals.findByRpps(t.deps.database.db, '10000000011');
    expect(eoso?.specialty).toBe('Médecine générale');

    writeFileSync(file, 'rpps;nom;prenom;profession\n10000000052;Toujman;Gabriel;kine\n');
    await expect(carnet('import-professionals', file)).rejects.toThrow(
      /line 2: profession inconnue/,
    );
    expect(
      await t.deps.professionals.findByRpps(t.deps.database.db, '10000000052'),
    ).toBeUndefined();
  });
});

describe('carnet set-medecin-traitant and load-habilitation-matrix', () => {
  it('declares the médecin traitant of a record', async () => {
    const inaya = await givenActivePatient(t);
    await carnet(
      'create-professional',
      '--rpps',
      '10000000011',
      '--first-name',
      'Louis',
      '--last-name',
      'Eoso',
      '--profession',
      'medecin',
      '--email',
      'louis.eoso@example.org',
      '--password',
      STRONG,
    );
    await carnet('set-medecin-traitant', '--ins', inaya.ins, '--rpps', '10000000011');
    const eoso = (await t.deps.professionals.findByRpps(t.deps.database.db, '10000000011'))!;
    const context = await t.deps.accessGate.loadContext(t.deps.database.db, eoso, inaya.patient.id);
    expect(context.isMedecinTraitant).toBe(true);
  });

  it('loads a valid matrix and refuses an invalid one with every problem', async () => {
    const file = join(dir, 'matrice.json');
    const matrix = await t.deps.habilitationMatrix.current();
    writeFileSync(
      file,
      JSON.stringify({ matrix: { ...matrix, medecin: { ...matrix.medecin, DIR_ANT: false } } }),
    );
    await carnet('load-habilitation-matrix', file);
    expect((await t.deps.habilitationMatrix.current()).medecin!.DIR_ANT).toBe(false);
    writeFileSync(file, JSON.stringify({ matrix: { medecin: {} } }));
    await expect(carnet('load-habilitation-matrix', file)).rejects.toThrow(/Matrix refused/);
    writeFileSync(file, '{ not json');
    await expect(carnet('load-habilitation-matrix', file)).rejects.toThrow(/not valid JSON/);
  });
});
