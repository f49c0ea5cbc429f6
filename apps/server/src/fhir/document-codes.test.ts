import { documentCategories } from '@carnet/shared';
import { describe, expect, test } from 'vitest';
import {
  categoriesOfCategoryToken,
  categoriesOfType,
  categoryCodingsOf,
  categoryOf,
  documentCodes,
  systems,
  typeCodingOf,
} from './document-codes.ts';

describe('the one mapping table of categories and MHD codes', () => {
  test('covers every category of ours, and each maps to a type and back to itself', () => {
    expect(Object.keys(documentCodes).sort()).toEqual(Object.keys(documentCategories).sort());
    for (const category of Object.keys(documentCodes)) {
      const type = typeCodingOf(category);
      expect(type.system).toBe(systems.loinc);
      expect(categoriesOfType(type.code ?? '')).toEqual([category]);
      expect(categoryOf({ typeCodes: [type], categoryCodes: [] })).toBe(category);
      const codings = categoryCodingsOf(category, false);
      expect(categoryOf({ typeCodes: [], categoryCodes: codings })).toBe(category);
      expect(categoriesOfCategoryToken(systems.classCode, codings[0]?.code ?? '')).toContain(
        category,
      );
    }
  });

  test('INTEROP.md codes: consultation, biology, prescription, imaging; 90 for the patient’s own', () => {
    expect(typeCodingOf('CPT_REND').code).toBe('11488-4');
    expect(typeCodingOf('BIOLOGIE').code).toBe('11502-2');
    expect(typeCodingOf('ORD_SOIN').code).toBe('57833-6');
    expect(typeCodingOf('RADIO_SC').code).toBe('18748-4');
    expect(categoryCodingsOf('CPT_REND', true)[0]?.code).toBe('90');
  });

  test('unknown codes fall back to "Autres documents" and match no category in a search', () => {
    expect(
      categoryOf({ typeCodes: [{ system: systems.loinc, code: '0000-0' }], categoryCodes: [] }),
    ).toBe('AUTR_DOC');
    expect(categoriesOfType('0000-0')).toEqual([]);
    expect(categoriesOfCategoryToken('http://example.org', 'CPT_REND')).toEqual([]);
  });
});
