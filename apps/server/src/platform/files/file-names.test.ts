import { describe, expect, test } from 'vitest';
import { cleanFileName, cleanLine, contentDisposition } from './file-names.ts';

describe('file names', () => {
  test('are stored without controls or bidi overrides, on one line, at most 255 characters', () => {
    expect(cleanFileName('a\u0000b\r\nc.pdf')).toBe('a_b__c.pdf');
    expect(cleanFileName('rapport\u202Egnp.pdf')).toBe('rapportgnp.pdf');
    expect(cleanFileName('   ')).toBe('document');
    expect([...cleanFileName('é'.repeat(300))]).toHaveLength(255);
    expect(cleanFileName('e\u0301te\u0301.pdf')).toBe('été.pdf');
  });

  test('a title keeps its text and loses its line breaks', () => {
    expect(cleanLine(' <b>Bilan</b>\r\n2026\u0000 ')).toBe('<b>Bilan</b>  2026');
  });

  test.each([
    [
      'compte-rendu.pdf',
      'attachment; filename="compte-rendu.pdf"; filename*=UTF-8\'\'compte-rendu.pdf',
    ],
    [
      'Résultat été.pdf',
      'attachment; filename="Resultat ete.pdf"; filename*=UTF-8\'\'R%C3%A9sultat%20%C3%A9t%C3%A9.pdf',
    ],
    [
      '../../etc/passwd',
      'attachment; filename="_.._etc_passwd"; filename*=UTF-8\'\'_.._etc_passwd',
    ],
    ['a"b\\c.pdf', 'attachment; filename="a_b_c.pdf"; filename*=UTF-8\'\'a%22b_c.pdf'],
    [
      'x\r\nSet-Cookie: a=1.pdf',
      'attachment; filename="x__Set-Cookie: a=1.pdf"; filename*=UTF-8\'\'x__Set-Cookie%3A%20a%3D1.pdf',
    ],
    ['nul\u0000.pdf', 'attachment; filename="nul_.pdf"; filename*=UTF-8\'\'nul_.pdf'],
    [
      'rapport\u202Egnp.exe',
      'attachment; filename="rapportgnp.exe"; filename*=UTF-8\'\'rapportgnp.exe',
    ],
    [
      "l'ordonnance (1)*.pdf",
      "attachment; filename=\"l'ordonnance (1)*.pdf\"; filename*=UTF-8''l%27ordonnance%20%281%29%2A.pdf",
    ],
    ['100%.pdf', 'attachment; filename="100_.pdf"; filename*=UTF-8\'\'100%25.pdf'],
    ['.htaccess', 'attachment; filename="htaccess"; filename*=UTF-8\'\'htaccess'],
    ['...', 'attachment; filename="document"; filename*=UTF-8\'\'document'],
  ])('Content-Disposition for %j is RFC 6266 / RFC 8187 and cannot break out', (name, header) => {
    expect(contentDisposition(name)).toBe(header);
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(contentDisposition(name)).not.toMatch(/[\r\n\u0000\u202e]/);
  });
});
