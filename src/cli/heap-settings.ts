// How the CLI sets up V8's heaps for a batch: the settings are flags of the whole process, which
// the program that owns the process sets (the CLI does, the library does not).
import { subscribe } from 'node:diagnostics_channel';
import { setFlagsFromString } from 'node:v8';
import type { Worker } from 'node:worker_threads';
import { BATCH_PLANNED } from '../generate/batch-planned.js';
import { MIN_LETTERS_FOR_WORKERS, WORKER_HEAP } from '../generate/worker-threads.js';
import { WORKER_STARTING } from '../workers/worker-pool.js';

const NO_GROWTH = '--semi-space-growth-factor=1';
// V8's optimizing compiler inlines up to 920 bytes of bytecode into a function; its jobs run on
// V8's own threads, whose memory (malloc arenas) grows with the jobs and stays grown. With 200,
// measured with the bench's cases: peaks 2-6 MB lower (text files: 100,000 letters 90 MiB
// against 94-96, 1,000 letters 74-77 against 77-79; separate PDFs 177 against 181-182 at
// 10,000; print file 136 against 136.5-140), 10,000 letters as fast, and 100 separate PDFs
// about 6% faster (less to compile in a short run). It is read whenever a function is optimized,
// in every thread, so it holds from the start of a batch; a small batch keeps it.
const INLINE_LESS = '--max-inlined-bytecode-size-cumulative=200';
const FOR_SIZE = '--optimize-for-size';
// Turning it off does not undo what it implies (halves of the young generation of 1 MB at most).
const NOT_FOR_SIZE = ['--no-optimize-for-size', '--max-semi-space-size=0'];
let watchingWorkers = false;
let watchingBatches = false;
// Whether the heaps are kept small (until a small batch is planned).
let small = false;
const V8_DEFAULTS = ['--semi-space-growth-factor=2', ...NOT_FOR_SIZE];
// Workers started whose heap may not be set up yet (not online).
let workersStarting = 0;

/**
 * A smaller inlining budget for V8's optimizing compiler (see INLINE_LESS; kept for a batch of any
 * size), and keepHeapsSmall for a batch, and back to V8's own heap settings once the run turns out
 * to plan fewer letters than make worker threads worth starting: those are drawn in the main thread
 * in 100-140 MB either way, and V8's settings draw them faster (the bench's 100 separate PDFs in
 * 0.62-0.70 s instead of 0.69-0.72 s, peak RSS 121 MB instead of 101-103). Set from the start all
 * the same: the signers are read before the letters are planned, and a young generation grown
 * meanwhile would stay grown (10,000 letters peaked at 161-168 MB instead of 138-141).
 */
export function keepHeapsSmallForLargeBatches(): void {
  setFlagsFromString(INLINE_LESS);
  keepHeapsSmall();
  if (watchingBatches) return;
  watchingBatches = true;
  subscribe(BATCH_PLANNED, (message) => {
    if ((message as { letters: number }).letters >= MIN_LETTERS_FOR_WORKERS) return;
    small = false;
    for (const flag of V8_DEFAULTS) setFlagsFromString(flag);
  });
}

/**
 * Keeps the heaps of a batch small, the main thread's and the worker threads', for the rest of
 * the process:
 *
 * - The main thread's young generation stays small. V8 doubles it (up to two 16 MB halves) once
 *   enough objects have survived its collections, which a batch of thousands of letters soon
 *   reaches, and never gives the room back; the main thread keeps few objects for long (signers
 *   and manifest rows are bytes in typed arrays, letters are made when needed), so the larger
 *   halves only raise the peak. With growth by a factor of 1 its halves stay at 4 MB at most. V8
 *   reads the factor whenever a young generation grows, but puts it back to 2 whenever it sets up
 *   a heap (each worker thread's), so it is set again each time a worker is online. Worker
 *   threads keep the young generation they had (WORKER_HEAP): with no growth, theirs would stay
 *   at 1 MB halves and draw letters slower, so they start at their largest.
 * - Every heap's old generation grows by less between its full collections: with V8's
 *   --optimize-for-size, the room it allows above what survived the last one is 2 MB, not 8, and
 *   each full collection also gives back what it can. V8 reads that flag whenever it sets a heap's
 *   next limit, so it applies at once, to the main thread and to workers already running; but it
 *   also caps halves of the young generation at 1 MB for heaps set up while it is on, so it is
 *   off from just before a worker starts until every worker started is online (V8 sets up a
 *   worker's heap on its own thread, after Node's 'worker_threads' channel has been told).
 *   Measured with the CLI on UA 129/10's print file (2 recipients): 10,000 letters peaked at
 *   152-156 MB instead of 165-168, 1,000 at 136-139 instead of 144-148, in the same time
 *   within this machine's noise (24-33 s for 10,000 letters either way).
 */
export function keepHeapsSmall(): void {
  small = true;
  setFlagsFromString(NO_GROWTH);
  setFlagsFromString(`--min-semi-space-size=${WORKER_HEAP.maxYoungGenerationSizeMb / 2}`);
  setFlagsFromString(FOR_SIZE);
  if (watchingWorkers) return;
  watchingWorkers = true;
  subscribe(WORKER_STARTING, () => {
    workersStarting += 1;
    if (!small) return;
    for (const flag of NOT_FOR_SIZE) setFlagsFromString(flag);
  });
  subscribe('worker_threads', (message) => {
    const { worker } = message as { worker: Worker };
    let settled = false;
    const ready = (): void => {
      if (settled) return;
      settled = true;
      workersStarting = Math.max(0, workersStarting - 1);
      if (!small) return;
      setFlagsFromString(NO_GROWTH);
      if (workersStarting === 0) setFlagsFromString(FOR_SIZE);
    };
    worker.once('online', ready);
    // A worker that fails before it is online has no heap to set up any more.
    worker.once('exit', ready);
  });
}
