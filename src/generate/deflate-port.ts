// Page contents of the print file compressed by the main thread while the print worker draws on:
// the worker is the batch's bottleneck and the main thread mostly waits for it. Handing a page to
// zlib's asynchronous deflate costs the drawing thread more than the compression itself does
// (0.15 ms a page of 9.5 kB in a profile of 10,000 letters, 13% of the worker's time); sending it
// over a MessagePort costs a copy of the bytes.
import { deflateSync } from 'node:zlib';
import type { MessagePort } from 'node:worker_threads';
import type { DeflatePage } from '../render/background-compression.js';
import { PendingRequests } from '../workers/pending-requests.js';

interface DeflateRequest {
  readonly id: number;
  readonly raw: Uint8Array;
}
type DeflateReply = { readonly id: number; readonly bytes: Uint8Array } | { readonly id: number; readonly error: string };

/**
 * Answers each request on `port` with deflateSync's bytes. The port does not keep the thread
 * alive: it serves while whoever sends on it does.
 */
export function serveDeflate(port: MessagePort): void {
  port.on('message', ({ id, raw }: DeflateRequest) => {
    let reply: DeflateReply;
    try {
      reply = { id, bytes: deflateSync(raw) };
    } catch (error) {
      reply = { id, error: error instanceof Error ? error.message : String(error) };
    }
    // Copied, not transferred: a small Buffer's memory is a slab that other Buffers share.
    port.postMessage(reply);
  });
  port.unref();
}

/** A DeflatePage that has the thread at the other end of `port` (serveDeflate) compress. */
export function deflateThrough(port: MessagePort): DeflatePage {
  const waiting = new PendingRequests<{ resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }>();
  port.on('message', (reply: DeflateReply) => {
    const request = waiting.take(reply.id);
    if (request === undefined) return;
    if ('bytes' in reply) request.resolve(reply.bytes);
    else request.reject(new Error(reply.error));
  });
  port.unref();
  return (raw) =>
    new Promise((resolve, reject) => {
      const id = waiting.add({ resolve, reject });
      port.postMessage({ id, raw } satisfies DeflateRequest);
    });
}
