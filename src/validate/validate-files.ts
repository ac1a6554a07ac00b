import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { findActionFiles } from '../load/find-action-files.js';
import { loadAction, type LoadOptions, type LoadResult } from '../load/load-action.js';

/** What validating a set of files found. */
export interface FilesValidation {
  readonly files: readonly string[];
  readonly results: readonly LoadResult[];
  /** Every diagnostic of every file, sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Validates every action file in the given files and folders. Throws UaError for I/O failures. */
export async function validateFiles(paths: readonly string[], options: LoadOptions = {}): Promise<FilesValidation> {
  const files = await findActionFiles(paths);
  const results: LoadResult[] = [];
  for (const file of files) results.push(await loadAction(file, options));
  return { files, results, diagnostics: sortDiagnostics(results.flatMap((r) => r.diagnostics)) };
}
