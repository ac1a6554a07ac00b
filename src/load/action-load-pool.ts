// Parsing and validating is what loading many action files spends its time on (a few ms a file, mostly
// in the yaml package), and files do not depend on each other: worker threads share it out.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LoadedAction, LoadResult } from './load-action.js';
import { parseYaml } from './parse-yaml.js';
import type { SourceMap } from './source-map.js';

// Starting a worker (the yaml package, the schema) costs about 230 ms, what 60-70 files take to
// load: with fewer files than this, loading them in this thread finishes first.
export const MIN_FILES_FOR_WORKERS = 200;

/** A file for a worker to load, and what it sends back. */
export interface LoadRequest {
  readonly id: number;
  readonly file: string;
  readonly text: string;
  readonly today: string;
}
export type PortableLoadResult = ({ readonly ok: true } & Omit<LoadedAction, 'sourceMap'>) | Extract<LoadResult, { ok: false }>;
export type LoadReply = { readonly id: number; readonly result: PortableLoadResult } | { readonly id: number; readonly error: string };

export interface ActionLoadPool {
  /** Parses and validates one file's text in a worker; the result is what loadActionText returns. */
  load(file: string, text: string, today: string): Promise<LoadResult>;
  close(): Promise<void>;
}

/** Starts `jobs` workers, or returns undefined where there are none to start (running from sources). */
export function startActionLoadPool(jobs: number): ActionLoadPool | undefined {
  const workerFile = fileURLToPath(new URL('./load-worker.js', import.meta.url));
  if (!existsSync(workerFile)) return undefined;
  type Pending = { resolve: (result: LoadResult) => void; reject: (error: Error) => void; worker: number; file: string; text: string };
  const pending = new Map<number, Pending>();
  const load = Array<number>(jobs).fill(0);
  let broken: Error | undefined;
  let closing = false;
  const fail = (why: string) => {
    broken ??= new Error(`a worker loading action files stopped: ${why}`);
    for (const task of pending.values()) task.reject(broken);
    pending.clear();
  };
  const workers = Array.from({ length: jobs }, () => {
    // A small young generation: the default lets a worker's heap grow to some 80 MB for no gain in speed.
    const worker = new Worker(workerFile, { resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    worker.on('message', (reply: LoadReply) => {
      const task = pending.get(reply.id);
      if (!task) return;
      pending.delete(reply.id);
      load[task.worker]! -= 1;
      if ('error' in reply) task.reject(new Error(reply.error));
      else task.resolve(reply.result.ok ? { ...reply.result, sourceMap: sourceMapOnDemand(task.file, task.text) } : reply.result);
    });
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => {
      if (!closing) fail(`it exited with code ${code}`);
    });
    return worker;
  });
  let next = 0;
  return {
    load(file, text, today) {
      if (broken) return Promise.reject(broken);
      const id = next++;
      // The worker with the least work waiting: files differ in size.
      const index = load.indexOf(Math.min(...load));
      load[index]! += 1;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, worker: index, file, text });
        workers[index]!.postMessage({ id, file, text, today } satisfies LoadRequest);
      });
    },
    async close() {
      closing = true;
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

// A source map is wanted only for problems found after loading (a glyph no font has, say), so the
// file is parsed again in this thread only then; parsing the same text gives the same positions.
function sourceMapOnDemand(file: string, text: string): SourceMap {
  let map: SourceMap | undefined;
  const get = () => (map ??= parseYaml(file, text).sourceMap);
  return {
    valueAt: (path) => get().valueAt(path),
    keyAt: (path) => get().keyAt(path),
    offsetAt: (offset) => get().offsetAt(offset),
  };
}
