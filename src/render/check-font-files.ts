// A user's font file is read and trial-shaped when loaded (fonts.ts), so that a damaged one fails
// before any letter is written. Some damage (a layout table whose counts point past its end) makes
// fontkit allocate until V8 gives up: the process dies of heap exhaustion after a minute, with a
// stack dump. So each user font is first loaded in a worker thread with a small heap and a time
// limit, and what stops it becomes font/unreadable for that file.
import type { ErrorReply } from '../workers/error-reply.js';
import { workerFile } from '../workers/worker-file.js';
import { startWorkerPool } from '../workers/worker-pool.js';
import type { FontPaths } from './fonts.js';
import { fontUnreadable } from './font-unreadable.js';

// DejaVu Sans (0.75 MB) takes 2.6 MB of heap to load and trial-shape: 256 MB leaves room for
// fonts many times its size, and stops a damaged one far below the ~4 GB it took before V8 gave up.
const CHECK_HEAP = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 } as const;
const CHECK_TIMEOUT_MS = 20_000;

type CheckReply = { readonly id: number } & ({ readonly ok: true } | ErrorReply);

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

// One worker per file: a file that exhausts its heap stops the worker, and a later file needs a
// fresh one.
async function checkFontFile(file: string, path: string): Promise<void> {
  const unusable = (why: string) => fontUnreadable(path, `${path} is not a usable font: ${why} (the file is damaged)`);
  const worker = startWorkerPool<CheckReply>({ file, size: 1, resourceLimits: CHECK_HEAP, stopped: (why) => unusable(`its check stopped: ${why}`) });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unusable(`reading it took more than ${CHECK_TIMEOUT_MS / 1000} s`)), CHECK_TIMEOUT_MS);
  });
  try {
    const reply = await Promise.race([worker.send({ path }), timeout]);
    // loadFont's own error (font/unreadable, its message), with the file it points at.
    if ('error' in reply) throw fontUnreadable(path, reply.error);
  } finally {
    clearTimeout(timer);
    await worker.close();
  }
}
