// How an error thrown in a worker thread crosses to the main thread: an Error object does not keep
// its class or its fields when posted, so it goes as the few fields that say what it was.
import { UaError } from '../diagnostics/ua-error.js';

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
