/** Hint of every new-password field (SECURITY.md: length and strength, no composition rules). */
export const newPasswordHint =
  'Au moins 12 caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.';
