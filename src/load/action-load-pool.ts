// Parsing and validating is what loading many action files spends its time on (a few ms a file, mostly
// in the yaml package), and files do not depend on each other: worker threads share it out.
import { fromErrorReply, type ErrorReply } from '../workers/error-reply.js';
import { startWorkerPool } from '../workers/worker-pool.js';
import { workerFile } from '../workers/worker-file.js';
import type { LoadedAction, LoadResult } from './load-action.js';
import type { SourceMap } from './source-map.js';

// Starting the workers costs more than it looks: each loads the yaml package and the schema
// (~230 ms) and then parses its first files with cold code, while this thread reads. With the
// CLI on 2 cores (this thread loading neither): 200 files took 1.9-2.0 s with two workers against
// 1.7-1.9 s without, 300 the same either way (2.1-2.5 s), 400 2.5-2.6 s against 2.7-2.8 s, 600
// 2.9-3.1 s against 3.2-3.3 s.
export const MIN_FILES_FOR_WORKERS = 400;

/** A file for a worker to load, and what it sends back. */
export interface LoadRequest {
  readonly id: number;
  readonly file: string;
  readonly text: string;
  readonly today: string;
}
export type PortableLoadResult = ({ readonly ok: true } & Omit<LoadedAction, 'sourceMap'>) | Extract<LoadResult, { ok: false }>;
export type LoadReply = { readonly id: number; readonly result: PortableLoadResult } | ({ readonly id: number } & ErrorReply);

export interface ActionLoadPool {
  /** Parses and validates one file's text in a worker; the result is what loadActionText returns. */
  load(file: string, text: string, today: string): Promise<LoadResult>;
  close(): Promise<void>;
}

/** Starts `jobs` workers, or returns undefined where there are none to start (running from sources). */
export function startActionLoadPool(jobs: number): ActionLoadPool | undefined {
  const file = workerFile('load-worker', import.meta.url);
  if (file === undefined) return undefined;
  const pool = startWorkerPool<LoadReply>({
    file,
    size: jobs,
    // A small young generation: the default lets a worker's heap grow to some 80 MB for no gain in speed.
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
    stopped: (why) => new Error(`a worker loading action files stopped: ${why}`),
  });
  return {
    async load(file, text, today) {
      const reply = await pool.send({ file, text, today } satisfies Omit<LoadRequest, 'id'>);
      // Thrown again as the worker threw it (a UaError keeps its code), as loading here would throw it.
      if ('error' in reply) throw fromErrorReply(reply, 2);
      if (!reply.result.ok) return reply.result;
      // Imported at the first valid file, not with this module: only the workers need the parser first.
      const { parseYaml } = await import('./parse-yaml.js');
      return { ...reply.result, sourceMap: sourceMapOnDemand(() => parseYaml(file, text).sourceMap) };
    },
    close: () => pool.close(),
  };
}

// A source map is wanted only for problems found after loading (a glyph no font has, say), so the
// file is parsed again in this thread only then; parsing the same text gives the same positions.
function sourceMapOnDemand(parse: () => SourceMap): SourceMap {
  let map: SourceMap | undefined;
  const get = () => (map ??= parse());
  return {
    valueAt: (path) => get().valueAt(path),
    keyAt: (path) => get().keyAt(path),
    offsetAt: (offset) => get().offsetAt(offset),
  };
}
