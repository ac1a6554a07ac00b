import { readFile, stat } from 'node:fs/promises';
import { UaError, fileDiagnostic } from '../diagnostics/ua-error.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** Largest input file read; a real action is a few kilobytes. */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

/** The text of an input file, or a diagnostic saying why it could not be read as UTF-8 text. */
export type SourceText = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

/** Reads a UTF-8 text file (BOM dropped), refusing files that are too large or not UTF-8. */
export async function readSourceText(file: string, maxBytes = MAX_SOURCE_BYTES): Promise<SourceText> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new UaError('io/is-directory', `${file}: is a folder, not a file`, { exitCode: 2 });
    if (info.size > maxBytes) {
      return {
        ok: false,
        diagnostic: fileDiagnostic(
          file,
          'input/too-large',
          `file is ${formatBytes(info.size)}; the limit is ${formatBytes(maxBytes)} (an action file is a few kilobytes)`,
        ),
      };
    }
    bytes = await readFile(file);
  } catch (error) {
    if (error instanceof UaError) throw error;
    throw new UaError('io/unreadable', `${file}: cannot read: ${describeIoError(error)}`, { exitCode: 2, cause: error });
  }
  return decodeUtf8(file, bytes);
}

/** Decodes UTF-8 strictly, pointing at the first byte that is not UTF-8. */
export function decodeUtf8(file: string, bytes: Uint8Array): SourceText {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    const bad = firstInvalidUtf8Offset(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    const lines = before.split('\n');
    const line = lines.length;
    const column = [...(lines[lines.length - 1] ?? '')].length + 1;
    const byte = bytes[bad] ?? 0;
    return {
      ok: false,
      diagnostic: {
        code: 'input/not-utf8',
        severity: 'error',
        message: `byte 0x${byte.toString(16).padStart(2, '0').toUpperCase()} is not UTF-8; save the file as UTF-8 (it may be Windows-1252 or Latin-1)`,
        file,
        line,
        column,
        path: '',
      },
    };
  }
}

function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  // Binary search for the longest prefix with no invalid sequence; streaming allows an unfinished tail.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  // The byte that broke the prefix may be the continuation of a sequence that started earlier.
  let start = low;
  while (start > 0 && low - start < 3 && ((bytes[start - 1] ?? 0) & 0xc0) === 0x80) start--;
  if (start > 0 && (bytes[start - 1] ?? 0) >= 0xc0) return start - 1;
  return Math.min(low, bytes.length - 1);
}

function formatBytes(size: number): string {
  return size >= 1024 * 1024 ? `${(size / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(size / 1024)} KB`;
}

/** Turns a Node.js file-system error into a short, human message. */
export function describeIoError(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EISDIR':
      return 'is a folder';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
