/**
 * The accepted document formats, decided from the bytes (SECURITY.md "Files"): magic numbers first,
 * then the declared type and the extension must agree with what the bytes are.
 */

/** A format Carnet stores. */
export type AcceptedType = 'pdf' | 'jpeg' | 'png' | 'tiff' | 'rtf' | 'txt';

/** Per format: the stored MIME type, the extensions and the declared types that agree with it. */
export const acceptedTypes: Record<
  AcceptedType,
  { mimeType: string; extensions: readonly string[]; declared: readonly string[] }
> = {
  pdf: { mimeType: 'application/pdf', extensions: ['pdf'], declared: ['application/pdf'] },
  jpeg: {
    mimeType: 'image/jpeg',
    extensions: ['jpg', 'jpeg', 'jpe', 'jfif'],
    declared: ['image/jpeg', 'image/pjpeg'],
  },
  png: { mimeType: 'image/png', extensions: ['png'], declared: ['image/png'] },
  tiff: { mimeType: 'image/tiff', extensions: ['tif', 'tiff'], declared: ['image/tiff'] },
  rtf: {
    mimeType: 'application/rtf',
    extensions: ['rtf'],
    declared: ['application/rtf', 'text/rtf', 'application/x-rtf'],
  },
  txt: { mimeType: 'text/plain', extensions: ['txt'], declared: ['text/plain'] },
};

/** Bytes the sniffer needs before it decides (or the whole file when it is shorter). */
export const SNIFF_BYTES = 16;

/** What the first bytes say: an accepted binary format, text to validate, or refused. */
export type SniffVerdict =
  { kind: 'binary'; type: Exclude<AcceptedType, 'txt'> } | { kind: 'text' } | { kind: 'refused' };

const startsWith = (head: Uint8Array, ...bytes: number[]) =>
  head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

// Executables, archives and formats outside the allow-list whose first bytes are printable ASCII,
// so they would otherwise reach the text check (which would only catch them further in).
const refusedMagic: number[][] = [
  ascii('MZ'), // Windows executable
  [0x7f, ...ascii('ELF')],
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O universal, Java class
  [0xcf, 0xfa, 0xed, 0xfe], // Mach-O 64-bit
  ascii('PK\x03\x04'), // zip, docx, jar, apk
  ascii('PK\x05\x06'),
  [0x1f, 0x8b], // gzip
  ascii('7z'),
  ascii('Rar!'),
  ascii('GIF8'),
  ascii('RIFF'), // WebP, AVI, WAV
  ascii('%!PS'), // PostScript: a program
  [0x00, ...ascii('asm')], // WebAssembly
];

/** Decides from the first bytes (at least SNIFF_BYTES unless the file is shorter). */
export function sniff(head: Uint8Array): SniffVerdict {
  if (startsWith(head, ...ascii('%PDF-'))) return { kind: 'binary', type: 'pdf' };
  if (startsWith(head, 0xff, 0xd8, 0xff)) return { kind: 'binary', type: 'jpeg' };
  if (startsWith(head, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))
    return { kind: 'binary', type: 'png' };
  // TIFF 6.0 §2: "II" + 42 little-endian, or "MM" + 42 big-endian.
  if (startsWith(head, 0x49, 0x49, 0x2a, 0x00) || startsWith(head, 0x4d, 0x4d, 0x00, 0x2a))
    return { kind: 'binary', type: 'tiff' };
  if (startsWith(head, ...ascii('{\\rtf'))) return { kind: 'binary', type: 'rtf' };
  if (refusedMagic.some((magic) => startsWith(head, ...magic))) return { kind: 'refused' };
  if (looksLikeMarkupOrScript(head)) return { kind: 'refused' };
  // Everything else (executables, archives, other images…) is refused unless it is plain text,
  // which the caller checks over the whole file: valid UTF-8, no control characters.
  return isTextPrefix(head) ? { kind: 'text' } : { kind: 'refused' };
}

/**
 * HTML, SVG, XML and scripts are text a browser may execute: refused even as `.txt`
 * (WHATWG MIME Sniffing §7.1 looks for a leading "<"; a "#!" line starts a script).
 */
function looksLikeMarkupOrScript(head: Uint8Array): boolean {
  let i = startsWith(head, 0xef, 0xbb, 0xbf) ? 3 : 0; // UTF-8 byte order mark
  while (i < head.length && [0x09, 0x0a, 0x0d, 0x20].includes(head[i]!)) i++;
  return head[i] === 0x3c /* < */ || (head[i] === 0x23 && head[i + 1] === 0x21); /* #! */
}

function isTextPrefix(head: Uint8Array): boolean {
  return head.every((b) => !isForbiddenControl(b));
}

/** C0 controls other than tab, LF and CR, and DEL: a text file has none (NUL marks binaries). */
export function isForbiddenControl(codeUnit: number): boolean {
  if (codeUnit === 0x7f) return true;
  return codeUnit < 0x20 && codeUnit !== 0x09 && codeUnit !== 0x0a && codeUnit !== 0x0d;
}

/** The lower-case extension of a file name, without the dot; '' when there is none. */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 || dot === fileName.length - 1 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/**
 * Whether the declared type and the extension agree with the type the bytes show. An absent or
 * generic declared type (`application/octet-stream`, what browsers send for unknown extensions)
 * declares nothing; the extension is always required.
 */
export function agreesWith(
  type: AcceptedType,
  declared: { fileName: string; contentType: string | undefined },
): boolean {
  const entry = acceptedTypes[type];
  if (!entry.extensions.includes(extensionOf(declared.fileName))) return false;
  const contentType = (declared.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType === '' || contentType === 'application/octet-stream') return true;
  return entry.declared.includes(contentType);
}
