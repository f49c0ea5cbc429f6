/** Masks contact data on screens (SECURITY.md: `i*****@yahoo.fr`, `*****5 25`). */

/** `inaya.michel@example.org` → `i*****@example.org`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '*****';
  return `${email[0]}*****${email.slice(at)}`;
}

/** `+33 6 11 12 13 14` → `*****3 14`: only the last three digits show. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const last = digits.slice(-3);
  return `*****${last.slice(0, 1)} ${last.slice(1)}`;
}

/** Normalizes a French or international mobile number to `+33 6 11 12 13 14` style. */
export function normalizePhone(phone: string): string {
  let digits = phone.replace(/[^\d+]/g, '');
  if (digits.startsWith('0')) digits = `+33${digits.slice(1)}`;
  if (digits.startsWith('+33') && digits.length === 12) {
    const n = digits.slice(3);
    return `+33 ${n[0]} ${n.slice(1).match(/.{2}/g)!.join(' ')}`;
  }
  return digits;
}
