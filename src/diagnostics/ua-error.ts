import type { Diagnostic } from './diagnostic.js';

/**
 * An expected failure (bad input, unreadable file, refused action) carried as a value.
 * The CLI prints its diagnostics; it never shows a stack trace for one.
 */
export class UaError extends Error {
  override readonly name = 'UaError';
  readonly code: string;
  readonly diagnostics: readonly Diagnostic[];
  /** 1 for invalid input or refused letters, 2 for usage, I/O or configuration failures. */
  readonly exitCode: 1 | 2;

  constructor(
    code: string,
    message: string,
    options: { diagnostics?: readonly Diagnostic[]; exitCode?: 1 | 2; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.diagnostics = options.diagnostics ?? [];
    this.exitCode = options.exitCode ?? 1;
  }
}

/** Builds a diagnostic for a whole-file problem that has no position. */
export function fileDiagnostic(
  file: string,
  code: string,
  message: string,
  severity: 'error' | 'warning' = 'error',
): Diagnostic {
  return { code, severity, message, file, line: 0, column: 0, path: '' };
}
