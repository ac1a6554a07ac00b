import { open } from 'node:fs/promises';
import { UaError, fileDiagnostic } from '../diagnostics/ua-error.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** Largest input file read; a real action is a few kilobytes. */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

/** The text of an input file, or a diagnostic saying why it could not be read as UTF-8 text. */
export type SourceText = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

/** Reads a UTF-8 text file (BOM dropped), refusing files that are too large or not UTF-8. */
export async function readSourceText(file: string, maxBytes = MAX_SOURCE_BYTES): Promise<SourceText> {
  let read: Buffer | { tooLarge: string };
  try {
    read = await readAtMost(file, maxBytes);
  } catch (error) {
    if (error instanceof UaError) throw error;
    throw new UaError('io/unreadable', `${file}: cannot read: ${describeIoError(error)}`, { exitCode: 2, cause: error });
  }
  if (!Buffer.isBuffer(read)) {
    const diagnostic = fileDiagnostic(file, 'input/too-large', `file is ${read.tooLarge}; the limit is ${formatBytes(maxBytes)} (an action file is a few kilobytes)`);
    return { ok: false, diagnostic };
  }
  return decodeUtf8(file, read);
}

// Reading many small files costs mostly the calls themselves, so a file gets one open, fstat,
// read and close: a regular file of known size is read in one call of that size.
async function readAtMost(file: string, maxBytes: number): Promise<Buffer | { tooLarge: string }> {
  const isDirectory = () => new UaError('io/is-directory', `${file}: is a folder, not a file`, { exitCode: 2 });
  const handle = await open(file, 'r').catch((error: unknown) => {
    throw (error as { code?: string } | null)?.code === 'EISDIR' ? isDirectory() : error;
  });
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw isDirectory();
    if (info.size > maxBytes) return { tooLarge: formatBytes(info.size) };
    // The size is 0 for a device or a pipe (/dev/zero would be read until memory ran out) and may
    // be out of date for a file still being written, so reading stops at the limit whatever it said.
    const chunks: Buffer[] = [];
    let total = 0;
    // Only a regular file's size is to be trusted (files in /proc say 0 and come in pieces).
    const sized = info.isFile() && info.size > 0;
    let want = sized ? info.size + 1 : 64 * 1024;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(want, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead > 0) chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return { tooLarge: `more than ${formatBytes(maxBytes)}` };
      // A file of known size that gives less than asked for is at its end; anything else at 0 bytes.
      if (bytesRead === 0 || (sized && bytesRead < buffer.length)) return Buffer.concat(chunks, total);
      want = 64 * 1024;
    }
  } finally {
    await handle.close();
  }
}

// A decoder keeps no state between calls that do not stream, so one serves every file.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes UTF-8 strictly, pointing at the first byte that is not UTF-8. */
export function decodeUtf8(file: string, bytes: Uint8Array): SourceText {
  try {
    const text = strictUtf8.decode(bytes);
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

// Where the first ill-formed sequence starts (Unicode 15, table 3-7), so the message names the byte
// that is wrong: a stray byte right after a complete character is itself the culprit, while a sequence
// cut short is reported at its lead byte.
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0; // overlong
      if (lead === 0xed) high = 0x9f; // UTF-16 surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90; // overlong
      if (lead === 0xf4) high = 0x8f; // beyond U+10FFFF
    } else return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  // Unreachable when TextDecoder has refused the bytes; point at the start rather than nowhere.
  return 0;
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
    case 'ELOOP':
      return 'too many symbolic links (the links form a loop)';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
