import { describe, expect, it } from 'vitest';
import { parseProfessionalsCsv, splitCsv } from './professionals-csv.ts';

const header = 'rpps;nom;prenom;profession;specialite;regulateur;email';

describe('the directory import file', () => {
  it('reads a semicolon file with a BOM, quotes and an optional specialty', () => {
    const parsed = parseProfessionalsCsv(
      `\uFEFF${header}\r\n10000000011;Eoso;Louis;medecin;"Médecine générale";non;louis.eoso@example.org\r\n10000000078;Samu;Régis;medecin;"Médecine d’urgence; SAMU 75";oui;\r\n`,
    );
    expect(parsed).toEqual({
      ok: true,
      entries: [
        {
          rpps: '10000000011',
          lastName: 'Eoso',
          firstName: 'Louis',
          profession: 'medecin',
          specialty: 'Médecine générale',
          isRegulator: false,
          email: 'louis.eoso@example.org',
        },
        {
          rpps: '10000000078',
          lastName: 'Samu',
          firstName: 'Régis',
          profession: 'medecin',
          specialty: 'Médecine d’urgence; SAMU 75',
          isRegulator: true,
          email: null,
        },
      ],
    });
  });

  it('accepts commas and English column names in any order', () => {
    const parsed = parseProfessionalsCsv(
      'last_name,first_name,rpps,profession\nXi,Léa,10000000060,infirmier\n',
    );
    expect(parsed.ok && parsed.entries[0]).toMatchObject({ rpps: '10000000060', lastName: 'Xi' });
  });

  it('reports every bad line with its number and imports nothing', () => {
    const parsed = parseProfessionalsCsv(
      [
        header,
        '1234;Eoso;Louis;medecin;;non;',
        '10000000029;Eugène;;plombier;;peut-être;pas-un-email',
        '10000000037;Mendes;Maria;pharmacien;;;',
        '10000000037;Mendes;Maria;pharmacien;;;',
      ].join('\n'),
    );
    expect(parsed.ok).toBe(false);
    const problems = parsed.ok ? [] : parsed.problems;
    expect(problems.map((p) => p.line)).toEqual([2, 3, 5]);
    expect(problems[0]!.message).toContain('11 chiffres');
    expect(problems[1]!.message).toContain('profession inconnue');
    expect(problems[1]!.message).toContain('prénom');
    expect(problems[2]!.message).toContain('ligne 4');
  });

  it('names the missing columns', () => {
    const parsed = parseProfessionalsCsv('rpps;nom\n10000000011;Eoso\n');
    expect(parsed).toEqual({
      ok: false,
      problems: [{ line: 1, message: 'colonnes manquantes : prenom, profession' }],
    });
  });

  it('splits quoted fields holding separators, quotes and newlines', () => {
    expect(splitCsv('a;"b;""c""\nd";e\n', ';')).toEqual([['a', 'b;"c"\nd', 'e']]);
  });
});
