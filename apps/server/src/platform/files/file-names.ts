/**
 * User-supplied file names are text, never paths (SECURITY.md "Files"): cleaned for storage, and
 * encoded for `Content-Disposition` per RFC 6266 with an RFC 8187 `filename*`.
 */

// C0 and C1 controls (NUL, CR, LF…) and DEL: invalid in a PostgreSQL text value or a header.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
// Bidirectional controls (Unicode UAX #9): an RLO turns "rapport\u202Efdp.exe" into "rapportexe.pdf" on screen.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Longest stored file name, in characters. */
export const MAX_FILE_NAME_LENGTH = 255;

/** A file name fit for storage and display: one line, no controls, no bidi overrides, NFC, ≤ 255 characters. */
export function cleanFileName(name: string, fallback = 'document'): string {
  const cleaned = name.normalize('NFC').replace(CONTROLS, '_').replace(BIDI_CONTROLS, '').trim();
  return [...(cleaned === '' ? fallback : cleaned)].slice(0, MAX_FILE_NAME_LENGTH).join('');
}

/** One line of text for a title: controls become spaces, bidi overrides go, NFC. */
export function cleanLine(text: string): string {
  return text.normalize('NFC').replace(CONTROLS, ' ').replace(BIDI_CONTROLS, '').trim();
}

/**
 * `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>` (RFC 6266 §4.3,
 * RFC 8187 §3.2). Path separators, leading dots, quotes, controls and bidi overrides cannot get
 * through: the name can neither break the header nor name a path on the receiving side.
 */
export function contentDisposition(fileName: string, fallback = 'document'): string {
  const base = cleanFileName(fileName, fallback)
    .replace(/[/\\]/g, '_')
    .replace(/^[.\s]+/, '');
  const name = base === '' ? fallback : base;
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '') // "É" → "E" rather than "_"
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc8187(name)}`;
}

/** RFC 8187 value-chars: attr-char stays, every other UTF-8 byte is %XX. */
function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
