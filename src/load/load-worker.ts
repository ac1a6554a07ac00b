// A worker thread that parses and validates action files for loadActions (see action-load-pool.ts):
// it gets a file's text and sends back the result without its source map, which cannot cross threads.
import { parentPort } from 'node:worker_threads';
import { toErrorReply } from '../workers/error-reply.js';
import type { LoadReply, LoadRequest } from './action-load-pool.js';
import { loadActionText } from './load-action.js';

// The yaml package looks up process.env.LOG_TOKENS for every token it parses, and each lookup of
// the real environment is a call into Node (~0.35 us; a 14 kB action file has ~1,000 tokens).
// A plain copy answers the same and makes parsing a file 20-30% faster; this thread reads the
// environment for nothing else.
// eslint-disable-next-line no-restricted-globals -- this thread's own copy of the environment, not the process's
process.env = { ...process.env };

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
