/**
 * Reading input files safely: every loader goes through here, so that a binary file, a
 * file that is not UTF-8 or an absurdly large one becomes one coded diagnostic naming
 * the file and line, instead of a parse-error cascade or an out-of-memory crash.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Diagnostic } from './types.js';

/** Larger source files are refused (plans have their own, larger limit). */
export const MAX_SOURCE_BYTES = 32 * 1024 * 1024;

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export type SourceText = { readonly text: string } | { readonly diagnostic: Diagnostic };

export function readSource(file: string, maxBytes = MAX_SOURCE_BYTES): SourceText {
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > maxBytes) {
      return {
        diagnostic: {
          code: 'CW-SCAN-004',
          severity: 'error',
          message: `file is too large (${size} bytes; the limit is ${maxBytes}); skipped`,
          file,
          line: 1,
        },
      };
    }
    bytes = readFileSync(file);
  } catch (error) {
    return {
      diagnostic: {
        code: 'CW-SCAN-002',
        severity: 'error',
        message: `cannot read: ${(error as Error).message}`,
        file,
      },
    };
  }
  return decodeSource(bytes, file);
}

/** Decodes UTF-8 (a BOM is dropped), refusing binary content and invalid sequences. */
export function decodeSource(bytes: Uint8Array, file: string): SourceText {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return {
      diagnostic: {
        code: 'CW-SCAN-005',
        severity: 'error',
        message: 'file is binary (it contains NUL bytes); skipped',
        file,
        line: lineAt(bytes, nul),
      },
    };
  }
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return {
      diagnostic: {
        code: 'CW-SCAN-006',
        severity: 'error',
        message: `file is not valid UTF-8 (byte 0x${(bytes[bad] ?? 0).toString(16)} at offset ${bad}); skipped`,
        file,
        line: lineAt(bytes, bad),
      },
    };
  }
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length =
      b < 0x80
        ? 1
        : b >= 0xc2 && b < 0xe0
          ? 2
          : b >= 0xe0 && b < 0xf0
            ? 3
            : b >= 0xf0 && b < 0xf5
              ? 4
              : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) {
      if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return 0;
}
