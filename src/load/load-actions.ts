// Loading many action files. This module does not import the parser and the schema (the yaml
// package and zod take some 200 ms to load): with worker threads, only they need them.
import { MIN_FILES_FOR_WORKERS, startActionLoadPool } from './action-load-pool.js';
import type { LoadOptions, LoadResult } from './load-action.js';
import { readSourceText } from './read-source.js';

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
  const parseHere = pool === undefined && files.length > 0 ? (await import('./load-action.js')).loadActionText : undefined;
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
      else results.push(Promise.resolve(parseHere!(file, outcome.source.text, today)));
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
