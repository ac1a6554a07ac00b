import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * Most problems reported for one file. Past this many the file is not an action with mistakes but
 * something else (a data dump, a generated file), and finding the position of every problem in a
 * file of 100 000 of them took minutes.
 */
export const MAX_DIAGNOSTICS_PER_FILE = 100;

/**
 * Collects a file's diagnostics up to the limit, then only counts them; a last diagnostic, at the first
 * one left out, says how many more there were.
 */
export class DiagnosticCollector {
  private readonly kept: Diagnostic[] = [];
  private omitted = 0;
  private firstOmitted: Diagnostic | undefined;

  constructor(private readonly limit: number = MAX_DIAGNOSTICS_PER_FILE) {}

  /** Adds a diagnostic; `make` runs only for one that is reported (finding a position takes time). */
  add(make: () => Diagnostic): void {
    if (this.kept.length < this.limit) {
      this.kept.push(make());
      return;
    }
    if (this.omitted === 0) this.firstOmitted = make();
    this.omitted++;
  }

  /** Adds diagnostics already made. */
  addAll(diagnostics: readonly Diagnostic[]): void {
    for (const diagnostic of diagnostics) this.add(() => diagnostic);
  }

  get hasErrors(): boolean {
    return this.omitted > 0 || this.kept.some((d) => d.severity === 'error');
  }

  /** The diagnostics kept, and one for those left out. */
  result(): Diagnostic[] {
    const first = this.firstOmitted;
    if (first === undefined) return [...this.kept];
    const message = `${this.omitted} more problem${this.omitted === 1 ? '' : 's'} from here on; only the first ${this.limit} of a file are reported`;
    return [...this.kept, { code: 'input/too-many-problems', severity: 'error', message, file: first.file, line: first.line, column: first.column, path: first.path }];
  }
}
