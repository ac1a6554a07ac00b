// Worker threads that answer each message with one reply carrying the message's id: the render
// workers, the print worker and the workers that load action files all talk to the main thread so.
import { channel } from 'node:diagnostics_channel';
import { Worker, type ResourceLimits, type TransferListItem } from 'node:worker_threads';
import { PendingRequests } from './pending-requests.js';

/**
 * Published just before a worker thread is started, before V8 sets up its heap from the
 * process's flags, so that the program owning the process can set them for it (the CLI does,
 * see cli/heap-settings.ts); Node's own 'worker_threads' channel comes after that.
 */
export const WORKER_STARTING = 'ua-letter:worker-starting';
const workerStarting = channel(WORKER_STARTING);

export interface WorkerPoolOptions {
  /** The worker's built script. */
  readonly file: string;
  readonly size: number;
  readonly workerData?: unknown;
  readonly resourceLimits?: ResourceLimits;
  /** Objects in workerData moved, not copied (a MessagePort): only for a pool of one worker. */
  readonly transferList?: readonly TransferListItem[];
  /**
   * The error that fails every request in flight and every later one, once a worker has stopped
   * (a worker's state cannot be rebuilt, so the pool is done); `why` says how it stopped.
   */
  readonly stopped: (why: string) => Error;
}

/** Workers to send requests to; each reply is matched to its request by id. */
export interface WorkerPool<Reply extends { readonly id: number }> {
  /** Sends `message`, with an id added, to the worker with the fewest requests waiting. */
  send(message: object): Promise<Reply>;
  /** Stops the workers; requests still in flight never settle. */
  close(): Promise<void>;
  /** Settles once every worker runs its script (or has stopped before it could). */
  readonly online: Promise<void>;
}

export function startWorkerPool<Reply extends { readonly id: number }>(options: WorkerPoolOptions): WorkerPool<Reply> {
  type Pending = { resolve: (reply: Reply) => void; reject: (error: Error) => void; worker: number };
  const pending = new PendingRequests<Pending>();
  const waiting = Array<number>(options.size).fill(0);
  let broken: Error | undefined;
  let closing = false;
  const fail = (why: string) => {
    broken ??= options.stopped(why);
    for (const task of pending.takeAll()) task.reject(broken);
  };
  const workers = Array.from({ length: options.size }, () => {
    if (workerStarting.hasSubscribers) workerStarting.publish({ file: options.file });
    const worker = new Worker(options.file, {
      workerData: options.workerData,
      ...(options.resourceLimits === undefined ? {} : { resourceLimits: options.resourceLimits }),
      ...(options.transferList === undefined ? {} : { transferList: [...options.transferList] }),
    });
    worker.on('message', (reply: Reply) => {
      const task = pending.take(reply.id);
      if (!task) return;
      waiting[task.worker]! -= 1;
      task.resolve(reply);
    });
    worker.on('error', (error: Error & { code?: string }) => fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'it ran out of memory' : error.message));
    worker.on('exit', (code) => {
      if (!closing) fail(`it exited with code ${code}`);
    });
    return worker;
  });
  const online = Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          worker.once('online', resolve);
          worker.once('exit', () => resolve());
        }),
    ),
  ).then(() => undefined);
  return {
    send(message) {
      if (broken) return Promise.reject(broken);
      // Requests differ in size (a long letter, a large file): the least busy worker gets the next.
      const index = waiting.indexOf(Math.min(...waiting));
      waiting[index]! += 1;
      return new Promise((resolve, reject) => {
        const id = pending.add({ resolve, reject, worker: index });
        workers[index]!.postMessage({ id, ...message });
      });
    },
    async close() {
      closing = true;
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
    online,
  };
}
