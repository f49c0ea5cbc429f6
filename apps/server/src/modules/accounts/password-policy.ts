/**
 * Which passwords an account may choose (SECURITY.md "Sign-in", CNIL délibération 2022-100,
 * NIST SP 800-63B §5.1.1.2): 12 to 128 characters of any Unicode, no composition rules, no
 * truncation; refused when easy to guess or when it contains the person's own data.
 */
import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as fr from '@zxcvbn-ts/language-fr';

/** Bounds in Unicode code points ("é" or "🐢" is one character, whatever its UTF-16 length). */
export const PASSWORD_MIN_LENGTH = 12;
/** Upper bound: long enough for any passphrase, short enough to keep hashing and scoring cheap. */
export const PASSWORD_MAX_LENGTH = 128;

// zxcvbn scores 0–4; 3 is "safely unguessable: moderate protection from offline slow-hash
// scenarios" (~10^8 guesses), the level zxcvbn's authors advise as a minimum.
const MIN_SCORE = 3;
// zxcvbn-ts 3.0.4's l33t matcher is super-linear: a 128-character "P@$$w0rd" repetition took over
// 20 s of event-loop time here, and its `maxLength` option is ignored by the synchronous entry
// point. Scoring only the first 32 characters with at most 8 l33t substitutions bounds the worst
// case to ~0.15 s. This can only under-estimate strength (a prefix is never harder to guess than
// the whole), so it may refuse a long password that starts weakly, never accept a weak one.
const SCORED_PREFIX = 32;
const L33T_MAX_SUBSTITUTIONS = 8;
// Site-related words, which zxcvbn's authors advise passing as user inputs.
const SITE_WORDS = ['carnet', 'carnetsante', 'sante'];
// Personal words shorter than this are too common inside ordinary words to be refused.
const PERSONAL_MIN_LENGTH = 3;

/** Why a password was refused (for error codes and tests; the message is what users read). */
export type PasswordRejection =
  'too_short' | 'too_long' | 'invalid_characters' | 'personal_information' | 'too_guessable';

/** The person the password belongs to: their own data must not appear in it. */
export interface PasswordOwner {
  identifiant: string;
  firstName?: string | null;
  lastName?: string | null;
  /** ISO date, `YYYY-MM-DD`. */
  birthDate?: string | null;
}

/** The verdict on a candidate password; `message` is French, shown to the user as is. */
export type PasswordVerdict =
  { ok: true } | { ok: false; reason: PasswordRejection; message: string };

// zxcvbn-ts 3 keeps its options in module state; setting them is idempotent but rebuilds the
// ranked dictionaries (~80 ms), so it is done once, on the first check.
let zxcvbnConfigured = false;
function configureZxcvbn() {
  if (zxcvbnConfigured) return;
  zxcvbnOptions.setOptions({
    translations: fr.translations,
    graphs: common.adjacencyGraphs,
    l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS,
    // The French and English packs use the same dictionary names; suffix the English ones so
    // neither replaces the other (French keeps the plain names zxcvbn's feedback recognizes).
    dictionary: {
      ...common.dictionary,
      ...Object.fromEntries(
        Object.entries(en.dictionary).map(([name, words]) => [`${name}-en`, words]),
      ),
      ...fr.dictionary,
    },
  });
  zxcvbnConfigured = true;
}

// Feedback that pushes composition rules, which CNIL 2022-100 and NIST SP 800-63B advise against.
const COMPOSITION_SUGGESTIONS = new Set([
  fr.translations.suggestions.allUppercase,
  fr.translations.suggestions.capitalization,
]);

/**
 * Creates the password policy. The strength estimator is configured once per process, on the
 * first check: building its dictionaries takes a large share of a cold start (PERFORMANCE.md B8).
 */
export function createPasswordPolicy() {
  return {
    /** Judges `password` for `owner`; synchronous, bounded to a fraction of a second. */
    check(password: string, owner: PasswordOwner): PasswordVerdict {
      const characters = [...password];
      if (characters.length < PASSWORD_MIN_LENGTH) {
        return refuse(
          'too_short',
          `Le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`,
        );
      }
      if (characters.length > PASSWORD_MAX_LENGTH) {
        return refuse(
          'too_long',
          `Le mot de passe doit contenir au plus ${PASSWORD_MAX_LENGTH} caractères.`,
        );
      }
      // A lone UTF-16 surrogate is not a Unicode character: UTF-8 encoding would turn every one of
      // them into U+FFFD, so two different passwords would hash the same.
      if (/\p{Cs}/u.test(password)) {
        return refuse('invalid_characters', 'Le mot de passe contient un caractère invalide.');
      }
      const personal = personalInformationIn(password, owner);
      if (personal) return refuse('personal_information', personal);

      configureZxcvbn();
      const result = zxcvbn(characters.slice(0, SCORED_PREFIX).join(''), userInputs(owner));
      if (result.score >= MIN_SCORE) return { ok: true };
      const advice = [
        result.feedback.warning,
        ...result.feedback.suggestions.filter((s) => !COMPOSITION_SUGGESTIONS.has(s)),
      ]
        .filter((text): text is string => Boolean(text))
        .map((text) => (/[.!?]$/.test(text) ? text : `${text}.`));
      return refuse(
        'too_guessable',
        [
          'Ce mot de passe est trop facile à deviner.',
          ...advice,
          'Une suite de quatre ou cinq mots sans rapport entre eux est facile à retenir et difficile à deviner.',
        ].join(' '),
      );
    },
  };
}

/** The password policy. */
export type PasswordPolicy = ReturnType<typeof createPasswordPolicy>;

function refuse(reason: PasswordRejection, message: string): PasswordVerdict {
  return { ok: false, reason, message };
}

/** Lower case, accents removed, only letters and digits: "Jean-Noël" → "jeannoel", "12/04/1988" → "12041988". */
function compact(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** A name or identifiant as whole and as its alphabetic parts ("Le Gall" → legall, gall). */
function personalWords(text: string | null | undefined): string[] {
  if (!text) return [];
  const parts = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}]+/u);
  return [compact(text), ...parts].filter((word) => [...word].length >= PERSONAL_MIN_LENGTH);
}

/** The birth date as digit strings: YYYYMMDD, DDMMYYYY and DDMMYY (separators are compacted away). */
function birthDateForms(birthDate: string | null | undefined): string[] {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(birthDate ?? '');
  if (!match) return [];
  const [, year = '', month = '', day = ''] = match;
  return [`${year}${month}${day}`, `${day}${month}${year}`, `${day}${month}${year.slice(2)}`];
}

function personalInformationIn(password: string, owner: PasswordOwner): string | undefined {
  // Comparing compacted forms covers case, accents and any separator: "Inaya.Michel",
  // "INAYA MICHEL" and "inayamichel" all contain "inayamichel"; "12/04/1988" contains "12041988".
  const candidate = compact(password);
  const contains = (words: string[]) => words.some((word) => candidate.includes(word));
  if (contains(personalWords(owner.identifiant))) {
    return 'Le mot de passe ne doit pas contenir votre identifiant.';
  }
  if (contains([...personalWords(owner.firstName), ...personalWords(owner.lastName)])) {
    return 'Le mot de passe ne doit contenir ni votre prénom ni votre nom.';
  }
  if (contains(birthDateForms(owner.birthDate))) {
    return 'Le mot de passe ne doit pas contenir votre date de naissance.';
  }
  return undefined;
}

function userInputs(owner: PasswordOwner): string[] {
  const year = /^(\d{4})-/.exec(owner.birthDate ?? '')?.[1];
  return [
    ...SITE_WORDS,
    owner.identifiant,
    ...personalWords(owner.identifiant),
    ...personalWords(owner.firstName),
    ...personalWords(owner.lastName),
    ...birthDateForms(owner.birthDate),
    ...(year ? [year] : []),
  ].filter(Boolean);
}
