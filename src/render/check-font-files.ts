// A user's font file is read and trial-shaped when loaded (fonts.ts), so that a damaged one fails
// before any letter is written. Some damage (a layout table whose counts point past its end) makes
// fontkit allocate until V8 gives up: the process dies of heap exhaustion after a minute, with a
// stack dump. So each user font is first loaded in a worker thread with a small heap and a time
// limit, and what stops it becomes font/unreadable for that file.
import { Worker } from 'node:worker_threads';
import { fileDiagnostic, UaError } from '../diagnostics/ua-error.js';
import { fromErrorReply, type ErrorReply } from '../workers/error-reply.js';
import { workerFile } from '../workers/worker-file.js';
import type { FontPaths } from './fonts.js';

// DejaVu Sans (0.75 MB) takes 2.6 MB of heap to load and trial-shape: 256 MB leaves room for
// fonts many times its size, and stops a damaged one far below the ~4 GB it took before V8 gave up.
const CHECK_HEAP = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 } as const;
const CHECK_TIMEOUT_MS = 20_000;

/**
 * Loads each font file of `fonts` once in a worker thread, as loadFont does; rejects with
 * font/unreadable (exit code 2) for a file that fails, or that the worker cannot finish. Does
 * nothing when running from sources, where there is no worker to start (loadFont checks then).
 */
export async function checkFontFiles(fonts: FontPaths): Promise<void> {
  const file = workerFile('font-check-worker', import.meta.url);
  if (file === undefined) return;
  for (const path of new Set(Object.values(fonts).filter((p): p is string => typeof p === 'string'))) {
    await checkFontFile(file, path);
  }
}

function checkFontFile(file: string, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: { path }, resourceLimits: CHECK_HEAP });
    let settled = false;
    const settle = (error?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    const unusable = (why: string): UaError => {
      const message = `${path} is not a usable font: ${why}`;
      return new UaError('font/unreadable', message, { exitCode: 2, diagnostics: [fileDiagnostic(path, 'font/unreadable', message)] });
    };
    const timer = setTimeout(() => settle(unusable(`reading it took more than ${CHECK_TIMEOUT_MS / 1000} s (the file is damaged)`)), CHECK_TIMEOUT_MS);
    worker.once('message', (reply: { ok: true } | ErrorReply) => {
      if ('ok' in reply) settle();
      else {
        const error = fromErrorReply(reply, 2);
        settle(error instanceof UaError ? new UaError(error.code, error.message, { exitCode: 2, diagnostics: [fileDiagnostic(path, error.code, error.message)] }) : unusable(error.message));
      }
    });
    worker.once('error', (error: Error & { code?: string }) =>
      settle(unusable(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'reading its tables ran out of memory (the file is damaged)' : error.message)),
    );
    worker.once('exit', (code) => settle(unusable(`its check stopped with code ${code}`)));
  });
}
