import { readFileSync } from 'node:fs';
import { documentCategories, professions } from '@carnet/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/test-app.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { defaultMatrixUrl, parseMatrix } from './habilitation-matrix.service.ts';

const shipped = () =>
  JSON.parse(readFileSync(defaultMatrixUrl, 'utf8')) as {
    _doc: string[];
    matrix: Record<string, Record<string, boolean>>;
  };

describe('the shipped matrice d’habilitation', () => {
  it('is complete and valid: every profession × every category, documented', () => {
    const parsed = parseMatrix(shipped());
    expect(parsed.ok).toBe(true);
    expect(shipped()._doc.length).toBeGreaterThan(0);
  });

  it('lets médecins read everything and keeps childbirth reports and biology from podologues and kinés', () => {
    const { matrix } = shipped();
    for (const category of Object.keys(documentCategories))
      expect(matrix.medecin![category]).toBe(true);
    for (const profession of ['pedicure-podologue', 'masseur-kinesitherapeute']) {
      expect(matrix[profession]!.CPT_REND).toBe(false);
      expect(matrix[profession]!.BIOLOGIE).toBe(false);
      expect(matrix[profession]!.ORD_SOIN).toBe(true);
    }
  });
});

describe('validation of a replacement', () => {
  const valid = () => shipped();

  it('names every problem: unknown profession or category, missing cell, non-boolean', () => {
    const json = valid();
    json.matrix.plombier = {};
    json.matrix.medecin!.RADIOGRAPHIE = true;
    delete json.matrix.infirmier!.BIOLOGIE;
    (json.matrix.pharmacien as Record<string, unknown>).ORD_SOIN = 'oui';
    delete json.matrix['sage-femme'];
    const parsed = parseMatrix(json);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.problems).toEqual(
      expect.arrayContaining([
        'profession inconnue « plombier »',
        'catégorie inconnue « RADIOGRAPHIE » pour « medecin »',
        '« infirmier » × « BIOLOGIE » doit valoir true ou false',
        '« pharmacien » × « ORD_SOIN » doit valoir true ou false',
        'profession « sage-femme » absente',
      ]),
    );
  });

  it('refuses what is not an object with a matrix', () => {
    expect(parseMatrix([]).ok).toBe(false);
    expect(parseMatrix({ matrice: {} }).ok).toBe(false);
    expect(parseMatrix(null).ok).toBe(false);
  });
});

describe('loading a replacement', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('uses the shipped default until a replacement is loaded, then the replacement', async () => {
    expect(await t.deps.habilitationMatrix.current()).toEqual(shipped().matrix);
    const json = valid();
    json.matrix.medecin!.DIR_ANT = false;
    const result = await t.deps.habilitationMatrix.replace(json);
    expect(result.ok).toBe(true);
    const current = await t.deps.habilitationMatrix.current();
    expect(current.medecin!.DIR_ANT).toBe(false);
    expect(Object.keys(current).sort()).toEqual(Object.keys(professions).sort());
  });

  it('keeps the matrix in force when a replacement is invalid', async () => {
    const json = valid();
    json.matrix.medecin!.DIR_ANT = false;
    await t.deps.habilitationMatrix.replace(json);
    const bad = valid();
    delete bad.matrix.medecin;
    expect((await t.deps.habilitationMatrix.replace(bad)).ok).toBe(false);
    expect((await t.deps.habilitationMatrix.current()).medecin!.DIR_ANT).toBe(false);
  });

  function valid() {
    return shipped();
  }
});
