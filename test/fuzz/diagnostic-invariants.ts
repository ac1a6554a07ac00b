import { expect } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

/**
 * Codes that may carry no position (line and column 0): problems with a whole file or folder, found
 * before there is text to point into. Everything else points at a line and column of the file.
 */
export const POSITIONLESS_CODES: ReadonlySet<string> = new Set(['input/too-large', 'input/no-action-files']);

/** Longest message: a message is one line a person reads, even when the input is huge. */
export const MAX_MESSAGE_LENGTH = 600;

/** What is wrong with a diagnostic's shape, if anything (checked without expect: the fuzz tests call this thousands of times). */
export function diagnosticProblems(d: Diagnostic, file: string, lines?: readonly string[]): string[] {
  const problems: string[] = [];
  if (!/^[a-z]+\/[a-z0-9-]+$/.test(d.code)) problems.push('code is not area/name');
  if (d.severity !== 'error' && d.severity !== 'warning') problems.push(`severity ${String(d.severity)}`);
  if (d.file !== file) problems.push(`file ${d.file} is not ${file}`);
  if (typeof d.path !== 'string') problems.push('path is not a string');
  if (typeof d.message !== 'string' || d.message.trim() === '') problems.push('empty message');
  else {
    if (/[\n\r\u2028\u2029]/.test(d.message)) problems.push('message spans lines');
    if (d.message.length > MAX_MESSAGE_LENGTH) problems.push(`message is ${d.message.length} characters long`);
  }
  if (!Number.isInteger(d.line) || !Number.isInteger(d.column)) problems.push('position is not whole numbers');
  else if (d.line === 0 && d.column === 0 && POSITIONLESS_CODES.has(d.code)) return problems;
  else if (d.line < 1 || d.column < 1) problems.push('position is not 1-based');
  else if (lines) {
    if (d.line > lines.length) problems.push(`line is past the end (${lines.length} lines)`);
    else if (d.column > (lines[d.line - 1]?.length ?? 0) + 1) problems.push(`column is past the end of the line (${lines[d.line - 1]?.length ?? 0})`);
  }
  return problems;
}

/**
 * Checks that every diagnostic is well formed: a code, a one-line message, the file, and a 1-based
 * position that lies inside `text` (when given).
 */
export function expectWellFormed(diagnostics: readonly Diagnostic[], file: string, text?: string): void {
  const lines = text?.split('\n');
  const problems = diagnostics.flatMap((d) =>
    diagnosticProblems(d, file, lines).map((p) => `${d.code} at ${d.line}:${d.column} (${d.message.slice(0, 120)}): ${p}`),
  );
  expect(problems).toEqual([]);
}
