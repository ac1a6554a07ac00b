// A worker thread that loads one font file as loadFont does, trial shaping included, and says
// whether it could: a damaged layout table can make fontkit allocate without end, which here
// stops this thread (its heap is bounded) instead of the run.
import { parentPort, workerData } from 'node:worker_threads';
import { loadFont } from './fonts.js';
import { toErrorReply } from '../workers/error-reply.js';

const { path } = workerData as { path: string };
try {
  loadFont(path);
  parentPort?.postMessage({ ok: true });
} catch (error) {
  parentPort?.postMessage(toErrorReply(error));
}
