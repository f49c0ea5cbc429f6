/**
 * A pass-through stream that checks an upload while it flows (SECURITY.md "Files"): size limit cut
 * at limit + 1 byte, type from the magic numbers agreeing with the declared type and extension,
 * plain text validated as UTF-8 without control characters over the whole file, and the SHA-256.
 * It holds at most SNIFF_BYTES of its own, so memory does not grow with the file.
 */
import { createHash } from 'node:crypto';
import type { TransformCallback } from 'node:stream';
import { Transform } from 'node:stream';
import { TextDecoder } from 'node:util';
import type { AcceptedType } from './file-types.ts';
import { SNIFF_BYTES, acceptedTypes, agreesWith, isForbiddenControl, sniff } from './file-types.ts';

/** Why a file is refused. */
export type FileRejection = 'too_large' | 'empty' | 'type_refused' | 'type_mismatch';

/** A file refused by the inspector; the caller turns it into its own error. */
export class FileRejectedError extends Error {
  override name = 'FileRejectedError';
  constructor(readonly reason: FileRejection) {
    super(`file refused: ${reason}`);
  }
}

/** What the inspector found once the whole file went through. */
export interface InspectedFile {
  type: AcceptedType;
  mimeType: string;
  size: number;
  sha256: string;
  /** SHA-1 hex, as IHE MHD states `attachment.hash` (not a security use). */
  sha1: string;
}

/** The inspector: a Transform to put in the upload pipeline, and its result once it has finished. */
export interface FileInspector {
  stream: Transform;
  /** The verdict; only valid after the stream has ended without error. */
  result(): InspectedFile;
}

// C1 controls (U+0080–U+009F): control characters too, only visible once decoded.
const C1_CONTROL = /[\u0080-\u009f]/;

/** Creates an inspector for one file. */
export function createFileInspector(options: {
  maxBytes: number;
  fileName: string;
  contentType: string | undefined;
}): FileInspector {
  const hash = createHash('sha256');
  const hash1 = createHash('sha1');
  let size = 0;
  let head: Buffer | undefined = Buffer.alloc(0);
  let type: AcceptedType | undefined;
  let decoder: TextDecoder | undefined;
  let digest: string | undefined;
  let digest1 = '';

  const decide = (bytes: Buffer) => {
    const verdict = sniff(bytes);
    if (verdict.kind === 'refused') throw new FileRejectedError('type_refused');
    type = verdict.kind === 'text' ? 'txt' : verdict.type;
    if (type === 'txt') decoder = new TextDecoder('utf-8', { fatal: true });
    if (!agreesWith(type, { fileName: options.fileName, contentType: options.contentType }))
      throw new FileRejectedError('type_mismatch');
  };

  const checkText = (bytes: Buffer, final: boolean) => {
    if (!decoder) return;
    // Multi-byte UTF-8 sequences never contain bytes below 0x80, so C0 controls are found raw.
    for (const byte of bytes) if (isForbiddenControl(byte)) throw notText();
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: !final });
    } catch {
      throw notText();
    }
    if (C1_CONTROL.test(text)) throw notText();
  };

  const pass = (stream: Transform, bytes: Buffer) => {
    checkText(bytes, false);
    hash.update(bytes);
    hash1.update(bytes);
    stream.push(bytes);
  };

  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      try {
        size += chunk.length;
        // The request is cut at limit + 1 byte: nothing beyond the limit is ever written.
        if (size > options.maxBytes) throw new FileRejectedError('too_large');
        if (head) {
          head = Buffer.concat([head, chunk]);
          if (head.length < SNIFF_BYTES) return done();
          decide(head);
          const first = head;
          head = undefined;
          pass(this, first);
        } else {
          pass(this, chunk);
        }
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        if (size === 0) throw new FileRejectedError('empty');
        if (head) {
          decide(head);
          const first = head;
          head = undefined;
          pass(this, first);
        }
        checkText(Buffer.alloc(0), true);
        digest = hash.digest('hex');
        digest1 = hash1.digest('hex');
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });

  return {
    stream,
    result(): InspectedFile {
      if (!type || digest === undefined) throw new Error('the file has not been inspected yet');
      return { type, mimeType: acceptedTypes[type].mimeType, size, sha256: digest, sha1: digest1 };
    },
  };
}

function notText(): FileRejectedError {
  // Not a valid text file and none of the accepted binary formats: refused as a type.
  return new FileRejectedError('type_refused');
}
