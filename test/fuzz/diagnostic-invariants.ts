import { expect } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

/**
 * Codes that may carry no position (line and column 0): problems with a whole file or folder, found
 * before there is text to point into. Everything else points at a line and column of the file.
 */
export const POSITIONLESS_CODES: ReadonlySet<string> = new Set(['input/too-large', 'input/no-action-files']);

/** Longest message: a message is one line a person reads, even when the input is huge. */
export const MAX_MESSAGE_LENGTH = 600;

/**
 * Checks that every diagnostic is well formed: a code, a one-line message, the file, and a 1-based
 * position that lies inside `text` (when given).
 */
export function expectWellFormed(diagnostics: readonly Diagnostic[], file: string, text?: string): void {
  const lines = text?.split('\n');
  for (const d of diagnostics) {
    const where = `${d.code} at ${d.line}:${d.column}: ${d.message.slice(0, 200)}`;
    expect(d.code, where).toMatch(/^[a-z]+\/[a-z0-9-]+$/);
    expect(['error', 'warning'], where).toContain(d.severity);
    expect(d.file, where).toBe(file);
    expect(typeof d.path, where).toBe('string');
    expect(d.message.trim().length, where).toBeGreaterThan(0);
    expect(d.message, where).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(d.message.length, where).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(Number.isInteger(d.line) && Number.isInteger(d.column), where).toBe(true);
    if (d.line === 0 && d.column === 0 && POSITIONLESS_CODES.has(d.code)) continue;
    expect(d.line, where).toBeGreaterThanOrEqual(1);
    expect(d.column, where).toBeGreaterThanOrEqual(1);
    if (lines) {
      expect(d.line, where).toBeLessThanOrEqual(lines.length);
      expect(d.column, where).toBeLessThanOrEqual((lines[d.line - 1]?.length ?? 0) + 1);
    }
  }
}
