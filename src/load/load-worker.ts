// A worker thread that parses and validates action files for loadActions (see action-load-pool.ts):
// it gets a file's text and sends back the result without its source map, which cannot cross threads.
import { parentPort } from 'node:worker_threads';
import { toErrorReply } from '../workers/error-reply.js';
import type { LoadReply, LoadRequest } from './action-load-pool.js';
import { loadActionText } from './load-action.js';

parentPort?.on('message', ({ id, file, text, today }: LoadRequest) => {
  let reply: LoadReply;
  try {
    const result = loadActionText(file, text, today);
    reply = { id, result: result.ok ? { ok: true, file, slug: result.slug, action: result.action, diagnostics: result.diagnostics } : result };
  } catch (error) {
    reply = { id, ...toErrorReply(error) };
  }
  parentPort?.postMessage(reply);
});
