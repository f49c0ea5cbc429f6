import { describe, expect, it } from 'vitest';
import type { PasswordOwner } from './password-policy.ts';
import { createPasswordPolicy } from './password-policy.ts';

const policy = createPasswordPolicy();
const inaya: PasswordOwner = {
  identifiant: 'inaya.michel',
  firstName: 'Inaya',
  lastName: 'Michel',
  birthDate: '1988-04-12',
};
const reasonOf = (password: string, owner: PasswordOwner = inaya) => {
  const verdict = policy.check(password, owner);
  return verdict.ok ? 'ok' : verdict.reason;
};

describe('password policy', () => {
  it('accepts the demo password for Inaya Michel', () => {
    expect(policy.check('Carnet-demo-2026', inaya)).toEqual({ ok: true });
  });

  it('refuses a common French password, explaining why in French', () => {
    const verdict = policy.check('motdepasse123', inaya);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.reason).toBe('too_guessable');
    expect(verdict.message).toMatch(/^Ce mot de passe est trop facile à deviner\./);
  });

  it('refuses common passwords from the French and English dictionaries', () => {
    for (const password of ['azertyuiop123', 'jetaime123456', 'password1234', 'qwertyuiop12']) {
      expect(reasonOf(password), password).toBe('too_guessable');
    }
  });

  it('refuses a password containing the identifiant, whatever its case or separators', () => {
    for (const password of ['Inaya.Michel-2026!', 'xx-INAYAMICHEL-zz']) {
      const verdict = policy.check(password, { ...inaya, firstName: 'Zoé', lastName: 'Martin' });
      expect(verdict).toEqual({
        ok: false,
        reason: 'personal_information',
        message: 'Le mot de passe ne doit pas contenir votre identifiant.',
      });
    }
  });

  it('refuses a password containing the first or last name, ignoring case and accents', () => {
    const owner = {
      identifiant: 'zz9000',
      firstName: 'Jérôme',
      lastName: 'Le Gall',
      birthDate: null,
    };
    for (const password of [
      'soleil-JEROME-vert',
      'velo-jérôme-rouge',
      'chat-LeGall-bleu',
      'lune-gall-orange',
    ]) {
      expect(reasonOf(password, owner), password).toBe('personal_information');
    }
  });

  it('ignores name parts shorter than 3 characters', () => {
    const owner = { identifiant: 'zz9000', firstName: 'Li', lastName: 'Ng', birthDate: null };
    expect(policy.check('li-ng-ocelot-trombone', owner)).toEqual({ ok: true });
  });

  it('refuses the birth date in every usual form', () => {
    for (const password of [
      'velo-19880412-ocelot',
      'velo-12041988-ocelot',
      'velo-12/04/1988-ocelot',
      'velo-1988-04-12-ocelot',
      'velo-120488-ocelot',
    ]) {
      const verdict = policy.check(password, inaya);
      expect(verdict, password).toEqual({
        ok: false,
        reason: 'personal_information',
        message: 'Le mot de passe ne doit pas contenir votre date de naissance.',
      });
    }
  });

  it('accepts a strong passphrase of 12 emoji, counted as 12 characters not 24 UTF-16 units', () => {
    const emoji = '🐢🌵🎺🧊🦉🍋🚲🪁🎻🧭🪴🫖';
    expect(emoji.length).toBe(24);
    expect(policy.check(emoji, inaya)).toEqual({ ok: true });
  });

  it('accepts a strong passphrase with accents and spaces', () => {
    expect(policy.check('hérisson quatorze tulipe ébène', inaya)).toEqual({ ok: true });
  });

  it('refuses 11 characters, even when they are 22 UTF-16 units', () => {
    expect(policy.check('Zq7#kW2!vR9', inaya)).toEqual({
      ok: false,
      reason: 'too_short',
      message: 'Le mot de passe doit contenir au moins 12 caractères.',
    });
    expect(reasonOf('🐢🌵🎺🧊🦉🍋🚲🪁🎻🧭🪴')).toBe('too_short');
  });

  it('accepts 128 characters and refuses 129, without truncating', () => {
    const strong = 'hérisson quatorze tulipe ébène ';
    const of = (n: number) => [...strong.repeat(10)].slice(0, n).join('');
    expect(policy.check(of(128), inaya)).toEqual({ ok: true });
    expect(policy.check(of(129), inaya)).toEqual({
      ok: false,
      reason: 'too_long',
      message: 'Le mot de passe doit contenir au plus 128 caractères.',
    });
  });

  it('refuses a lone UTF-16 surrogate, which is not a Unicode character', () => {
    expect(reasonOf('hérisson quatorze \ud83d tulipe')).toBe('invalid_characters');
  });

  it('does not suggest composition rules (capitals) in its advice', () => {
    const verdict = policy.check('motdepasse123', inaya);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.message).not.toMatch(/majuscule|[Cc]apitalisez/);
  });

  it('judges a pathological 128-character l33t repetition quickly and refuses it', () => {
    const started = performance.now();
    expect(reasonOf('Pa$$w0rd'.repeat(16))).toBe('too_guessable');
    // Unbounded, zxcvbn-ts spends over 20 s on this input; bounded it stays well under a second.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('judges a person without names or birth date on the identifiant alone', () => {
    expect(policy.check('Carnet-demo-2026', { identifiant: 'dr.house' })).toEqual({ ok: true });
    expect(reasonOf('Carnet-drhouse-2026', { identifiant: 'dr.house' })).toBe(
      'personal_information',
    );
  });
});
