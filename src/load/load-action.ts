import { basename, extname } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Action } from '../schema/action-schema.js';
import { validateParsedAction } from '../validate/validate-action.js';
import { toSlug } from '../write/slug.js';
import { MIN_FILES_FOR_WORKERS, startActionLoadPool } from './action-load-pool.js';
import { parseYaml } from './parse-yaml.js';
import type { SourceMap } from './source-map.js';
import { readSourceText } from './read-source.js';

/** A valid action read from a file, with its warnings. */
export interface LoadedAction {
  readonly file: string;
  /** ASCII-safe name for the action's output folder: the `id` field, else the file name. */
  readonly slug: string;
  readonly action: Action;
  readonly diagnostics: readonly Diagnostic[];
  /** Where each field was written, for problems found after validation (e.g. a missing glyph). */
  readonly sourceMap: SourceMap;
}

export interface LoadOptions {
  /** Today's date, YYYY-MM-DD, for deadline warnings; defaults to the current UTC date. */
  readonly today?: string;
  /** Worker threads for loading many files (loadActions); 1, the default, loads in this thread. */
  readonly jobs?: number;
}

/** The outcome of loading one file: the action, or the diagnostics that say why not. */
export type LoadResult = ({ readonly ok: true } & LoadedAction) | { readonly ok: false; readonly file: string; readonly diagnostics: readonly Diagnostic[] };

/** Reads, parses and validates one action file. Throws UaError only for I/O failures. */
export async function loadAction(file: string, options: LoadOptions = {}): Promise<LoadResult> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const source = await readSourceText(file);
  if (!source.ok) return { ok: false, file, diagnostics: [source.diagnostic] };
  return loadActionText(file, source.text, today);
}

// Files read ahead of the one being parsed: reading waits on the disk, parsing on the processor.
const READ_AHEAD = 8;

/**
 * Loads many action files, in order, reading a few ahead while earlier ones are parsed; with
 * `jobs` above 1 and many files, in worker threads. Like loadAction, throws UaError for I/O
 * failures: the first one in file order.
 */
export async function loadActions(files: readonly string[], options: LoadOptions = {}): Promise<LoadResult[]> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const jobs = options.jobs ?? 1;
  // This thread only reads the files then: parsing some here too was slower, with two cores (it
  // reads the next files late, and a busy thread sees the workers' replies late).
  const pool = jobs > 1 && files.length >= MIN_FILES_FOR_WORKERS ? startActionLoadPool(jobs) : undefined;
  // Every read settles into a value, so a failed read ahead of the one that stops the run is
  // never an unhandled rejection.
  const read = (file: string) => readSourceText(file).then((source) => ({ source }), (error: unknown) => ({ error }));
  const reads = files.slice(0, READ_AHEAD).map(read);
  const results: Promise<LoadResult>[] = [];
  try {
    for (const [index, file] of files.entries()) {
      const next = files[index + READ_AHEAD];
      if (next !== undefined) reads.push(read(next));
      const outcome = await reads.shift()!;
      if ('error' in outcome) throw outcome.error;
      if (!outcome.source.ok) results.push(Promise.resolve({ ok: false, file, diagnostics: [outcome.source.diagnostic] }));
      else if (pool) results.push(settled(pool.load(file, outcome.source.text, today)));
      else results.push(Promise.resolve(loadActionText(file, outcome.source.text, today)));
    }
    return await Promise.all(results);
  } finally {
    await pool?.close();
  }
}

// A load still running in a worker when a read fails fails too; it must not go unhandled meanwhile.
function settled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** Parses and validates action text already read (for tests, editors and batch tools). */
export function loadActionText(file: string, text: string, today: string): LoadResult {
  const parsed = parseYaml(file, text);
  const validation = validateParsedAction(file, parsed, today);
  if (!validation.ok) return { ok: false, file, diagnostics: validation.diagnostics };
  const slug = toSlug(validation.action.id ?? basename(file, extname(file)), 'action');
  return { ok: true, file, slug, action: validation.action, diagnostics: validation.diagnostics, sourceMap: parsed.sourceMap };
}
