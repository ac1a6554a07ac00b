export type Severity = 'error' | 'warning';

/** Where in a document a problem is, as a path of keys and indexes from the root. */
export type FieldPath = readonly (string | number)[];

/** One problem found in an input file: the single shape every stage reports in. */
export interface Diagnostic {
  /** Stable machine-readable code, e.g. `schema/unknown-key`. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** File the problem is in, as given by the user (relative or absolute). */
  readonly file: string;
  /** 1-based line; 0 when the problem has no position (e.g. an unreadable file). */
  readonly line: number;
  /** 1-based column; 0 when the problem has no position. */
  readonly column: number;
  /** Field path inside the document, e.g. `recipients[0].email[1]`; empty for the whole file. */
  readonly path: string;
}

/** Formats a field path the way users write it: `recipients[0].salutation.ru`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

/** True when any diagnostic is an error (warnings alone do not fail a run). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sorts diagnostics by file, then position, so output is stable whatever order rules ran in. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}
