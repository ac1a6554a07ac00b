// What the render workers and the print worker share: when to start them, how big their heaps
// may grow, and how an error crosses from a worker to the main thread.
import { UaError } from '../diagnostics/ua-error.js';

// Starting a worker (pdfkit, fonts) costs about as much as a hundred letters: below this many
// letters, rendering in the main thread finishes first (the bench: 65/s with two workers, 97/s
// without, at 100 letters).
export const MIN_LETTERS_FOR_WORKERS = 300;

// A worker's live heap is about 30 MB (fonts, shaped words, cached font subsets). Left alone, V8
// lets each heap grow far beyond that before collecting (RSS 345 MB at 1,000 letters with two
// workers); these limits keep the whole run near 210-240 MB for a few per cent of speed.
export const WORKER_HEAP = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 64 } as const;

/** An error as a worker sends it: a UaError keeps its code and exit code, an I/O error its errno code. */
export interface ErrorReply {
  readonly error: string;
  readonly code?: string;
  readonly exitCode?: 1 | 2;
  readonly ioCode?: string;
}

export function toErrorReply(error: unknown): ErrorReply {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UaError) return { error: message, code: error.code, exitCode: error.exitCode };
  const ioCode = (error as { code?: unknown } | null)?.code;
  return typeof ioCode === 'string' ? { error: message, ioCode } : { error: message };
}

/** The error again, in the main thread; a UaError sent without an exit code gets `exitCode`. */
export function fromErrorReply(reply: ErrorReply, exitCode: 1 | 2): Error {
  if (reply.code !== undefined) return new UaError(reply.code, reply.error, { exitCode: reply.exitCode ?? exitCode });
  // An I/O error keeps its code (ENOSPC...), so the message can say what went wrong.
  return Object.assign(new Error(reply.error), reply.ioCode === undefined ? {} : { code: reply.ioCode });
}
