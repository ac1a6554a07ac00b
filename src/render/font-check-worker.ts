// A worker thread that loads font files as loadFont does, trial shaping included, and says
// whether it could: a damaged layout table can make fontkit allocate without end, which here
// stops this thread (its heap is bounded) instead of the run.
import { parentPort } from 'node:worker_threads';
import { loadFont } from './fonts.js';
import { toErrorReply } from '../workers/error-reply.js';

parentPort?.on('message', ({ id, path }: { id: number; path: string }) => {
  try {
    loadFont(path);
    parentPort?.postMessage({ id, ok: true });
  } catch (error) {
    parentPort?.postMessage({ id, ...toErrorReply(error) });
  }
});
