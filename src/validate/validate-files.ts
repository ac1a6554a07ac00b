import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../diagnostics/ua-error.js';
import { findActionFilesByPath } from '../load/find-action-files.js';
import type { LoadOptions, LoadResult } from '../load/load-action.js';
import { loadActions } from '../load/load-actions.js';

/** What validating a set of files found. */
export interface FilesValidation {
  readonly files: readonly string[];
  readonly results: readonly LoadResult[];
  /** Every diagnostic of every file, sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Validates every action file in the given files and folders. Throws UaError for I/O failures. */
export async function validateFiles(paths: readonly string[], options: LoadOptions = {}): Promise<FilesValidation> {
  const byPath = await findActionFilesByPath(paths);
  const files = [...new Set(byPath.flatMap((p) => p.files))].sort();
  const results = await loadActions(files, options);
  // A folder named on the command line that holds no action file was surely meant to: say so rather
  // than report "no problems" about nothing.
  const empty = byPath
    .filter((p) => p.files.length === 0)
    .map((p) => fileDiagnostic(p.path, 'input/no-action-files', 'no action files (*.yaml, *.yml) in this folder'));
  return { files, results, diagnostics: sortDiagnostics([...empty, ...results.flatMap((r) => r.diagnostics)]) };
}
