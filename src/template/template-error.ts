import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { UaError } from '../diagnostics/ua-error.js';

/** Where a helper was called, as Handlebars passes it in `options.loc` (line 1-based, column 0-based). */
export interface HelperLocation {
  readonly start: { readonly line: number; readonly column: number };
}

/**
 * An error raised by one of our helpers. It carries `lineNumber` and `column` like Handlebars' own
 * exceptions, so one converter places both.
 */
export class TemplateHelperError extends Error {
  override readonly name = 'TemplateHelperError';
  readonly lineNumber: number | undefined;
  readonly column: number | undefined;

  constructor(message: string, loc: HelperLocation | undefined) {
    super(message);
    this.lineNumber = loc?.start.line;
    this.column = loc?.start.column;
  }
}

/** A 1-based position in a template file; 0 where unknown. */
export interface TemplatePosition {
  readonly line: number;
  readonly column: number;
}

/** Builds the error for a problem in a template file, with a diagnostic pointing at it. */
export function templateError(
  code: string,
  file: string,
  message: string,
  position: TemplatePosition,
  cause?: unknown,
): UaError {
  const diagnostic: Diagnostic = {
    code,
    severity: 'error',
    message,
    file,
    line: position.line,
    column: position.column,
    path: '',
  };
  const where = position.line > 0 ? `${file}:${position.line}:${position.column}` : file;
  // A broken template is configuration (an override) or a bug (a built-in), never bad action data.
  return new UaError(code, `${where}: ${message}`, { diagnostics: [diagnostic], exitCode: 2, cause });
}

// The position Handlebars (or a helper) attached to an exception, made 1-based.
function exceptionPosition(error: unknown): TemplatePosition {
  if (typeof error !== 'object' || error === null) return { line: 0, column: 0 };
  const { lineNumber, column } = error as { lineNumber?: unknown; column?: unknown };
  if (typeof lineNumber !== 'number') return { line: 0, column: 0 };
  return { line: lineNumber, column: typeof column === 'number' ? column + 1 : 0 };
}

// The message of an exception without the " - 3:5" position suffix Handlebars appends.
function exceptionMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/ - \d+:\d+$/, '');
}

/** Where Handlebars' parser stopped: lines 1-based, columns 0-based. */
export interface LexerLocation {
  readonly first_line?: unknown;
  readonly first_column?: unknown;
}

// Jison's messages list grammar tokens ("Expecting 'ID', 'STRING', ... got 'INVALID'"); say it plainly.
function syntaxMessage(message: string): string {
  if (message.startsWith('Lexical error')) return 'syntax error: unrecognized text';
  const got = /got '([^']+)'\s*$/.exec(message)?.[1];
  if (got === undefined) return `syntax error: ${message.split('\n')[0] ?? message}`;
  if (got === 'INVALID') return 'syntax error: unexpected character (is a "}}" incomplete?)';
  if (got === 'EOF') return 'syntax error: the template ends inside a block (is a {{/…}} missing?)';
  return `syntax error: unexpected ${got}`;
}

/**
 * Converts a Handlebars parse error. Parse errors carry their position only in their text (the
 * Error has no `hash` in Handlebars 4.7), so the parser's lexer location is used when given.
 */
export function syntaxError(file: string, error: unknown, lexer: LexerLocation | undefined): UaError {
  // Block mismatches ("if doesn't match each") are found while parsing but are positioned exceptions.
  const placed = exceptionPosition(error);
  if (placed.line > 0) return templateError('template/syntax-error', file, exceptionMessage(error), placed, error);
  const message = exceptionMessage(error);
  let position: TemplatePosition;
  if (typeof lexer?.first_line === 'number' && typeof lexer.first_column === 'number') {
    position = { line: lexer.first_line, column: lexer.first_column + 1 };
  } else {
    const line = /on line (\d+)/.exec(message)?.[1];
    position = { line: line === undefined ? 0 : Number(line), column: 0 };
  }
  return templateError('template/syntax-error', file, syntaxMessage(message), position, error);
}

/** Converts an error from compiling a parsed template, chiefly an unknown helper. */
export function compileError(file: string, error: unknown, knownHelpers: readonly string[]): UaError {
  const message = exceptionMessage(error);
  const unknown = /unknown helper (\S+)/.exec(message)?.[1];
  if (unknown === undefined) {
    return templateError('template/compile-error', file, message, exceptionPosition(error), error);
  }
  const explained = `unknown helper "${unknown}" (known: ${knownHelpers.join(', ')})`;
  return templateError('template/unknown-helper', file, explained, exceptionPosition(error), error);
}

/** Converts an error raised while rendering a letter, from strict mode or from a helper. */
export function renderError(file: string, error: unknown): UaError {
  let message = exceptionMessage(error);
  const notDefined = /^"(.+)" not defined in (.+)$/.exec(message);
  if (notDefined !== null) {
    message =
      notDefined[2] === 'undefined'
        ? `cannot read "${notDefined[1]}": the field before it is missing`
        : `"${notDefined[1]}" is not a field of the letter context (templates run in strict mode)`;
  }
  return templateError('template/render-error', file, message, exceptionPosition(error), error);
}
