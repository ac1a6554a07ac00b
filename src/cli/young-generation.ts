import { subscribe } from 'node:diagnostics_channel';
import { setFlagsFromString } from 'node:v8';
import type { Worker } from 'node:worker_threads';
import { WORKER_HEAP } from '../generate/worker-threads.js';

const NO_GROWTH = '--semi-space-growth-factor=1';
let watchingWorkers = false;

/**
 * Keeps the main thread's young generation small for the rest of the process. V8 doubles it (up
 * to two 16 MB halves) once enough objects have survived its collections, which a batch of
 * thousands of letters soon reaches, and never gives the room back; the main thread keeps few
 * objects for long (the signers and the planned letters, soon old), so the larger halves only
 * raise the peak. With growth by a factor of 1 its halves stay at 4 MB at most (the size the
 * workers start with, below; heap logs of the CLI at 1,000 and 10,000 letters).
 *
 * The flags are the process's. V8 reads the growth factor whenever a young generation grows, but
 * puts it back to 2 whenever it sets up a heap (the main thread's at start, so it has no effect
 * on Node's command line; each worker thread's), so it is set again each time a worker is online.
 * Worker threads keep the young generation they had (WORKER_HEAP): with no growth, theirs would
 * stay at 1 MB halves and draw letters slower, so they start at their largest. The program that
 * owns the process sets all this: the CLI does, the library does not.
 */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString(NO_GROWTH);
  setFlagsFromString(`--min-semi-space-size=${WORKER_HEAP.maxYoungGenerationSizeMb / 2}`);
  if (watchingWorkers) return;
  watchingWorkers = true;
  subscribe('worker_threads', (message) => {
    (message as { worker: Worker }).worker.once('online', () => setFlagsFromString(NO_GROWTH));
  });
}
