// Page contents of a print file compressed elsewhere (libuv's thread pool, or the thread that sends
// the letters) while the next letters are drawn. pdfkit compresses a page's content stream in its
// own thread (zlib's deflateSync) when the page ends, a sixth of a print file's time; the main
// thread of a run is mostly idle meanwhile. Here a page's content is handed to a deflate that
// answers later, when pdfkit ends the page, and the page is written once its content is
// compressed, in turn, before anything pdfkit writes after it: the same bytes in the same place.
// Relies on pdfkit 0.20's internals (the page's `end`, its `content` reference and that
// reference's `buffer`, and the 'pageAdded' event); if they change, the checks fail and pdfkit
// compresses as before.
import { deflate, deflateSync } from 'node:zlib';
import type { Pdf } from './pdf-document.js';

/** The pdfkit internals of a stream reference this module relies on (PDFReference in pdfkit 0.20). */
interface StreamReference {
  compress: boolean;
  buffer: Uint8Array[];
  readonly data: Record<string, unknown>;
  write(chunk: Uint8Array | string): void;
  end(chunk?: Uint8Array | string): void;
}
interface PageInternals {
  readonly content?: unknown;
  end?: unknown;
}

/** A page pdfkit has ended, not yet written: its content's compressed bytes are on their way. */
interface PendingPage {
  /** Runs pdfkit's end of the page: writes its dictionary, resources and content. */
  readonly write: (compressed: Uint8Array | undefined) => void;
  /** The content to compress; undefined when there is none (an empty page) or it is not compressed. */
  readonly raw: Buffer | undefined;
  readonly done: Promise<void>;
  bytes?: Uint8Array;
}

/**
 * Compresses a page's content as zlib's deflate with its defaults does; the bytes must be the
 * same as deflateSync's. A rejection makes the page compress in this thread instead.
 */
export type DeflatePage = (raw: Buffer) => Promise<Uint8Array>;

/** zlib's deflate on libuv's thread pool. */
export const deflateOnThreadPool: DeflatePage = (raw) =>
  new Promise((resolve, reject) => deflate(raw, (error, bytes) => (error === null ? resolve(bytes) : reject(error))));

export interface BackgroundCompression {
  /**
   * Writes the pages whose contents zlib has compressed meanwhile; waits for the oldest while
   * more than a few are pending. Call between letters.
   */
  settle(): Promise<void>;
  /** Writes every pending page now, compressing in this thread those zlib has not finished. */
  writePending(): void;
  /** Writes every pending page, and compresses from now on as pdfkit does; await it before pdf.end(). */
  stop(): Promise<void>;
}

// Pages ended but not yet written: a few may wait, so that the thread seldom waits for their
// compression, and no more, as each holds its content (and on zlib's thread pool a zlib stream,
// ~0.3 MB) until it is done.
const MAX_PENDING_PAGES = 4;

export function compressPagesInBackground(pdf: Pdf, deflatePage: DeflatePage = deflateOnThreadPool): BackgroundCompression {
  const pending: PendingPage[] = [];
  let stopped = false;

  // Writes the first pending page; its content compressed here if zlib has not finished.
  const writeFirst = (): void => {
    const page = pending.shift()!;
    page.write(page.raw === undefined ? undefined : (page.bytes ?? deflateSync(page.raw)));
  };
  // Writes, in order, the pending pages at the head of the queue that are ready.
  const writeReady = (): void => {
    while (pending[0] !== undefined && (pending[0].raw === undefined || pending[0].bytes !== undefined)) writeFirst();
  };
  const writeAll = (): void => {
    while (pending.length > 0) writeFirst();
  };

  pdf.on('pageAdded', () => {
    const page = (pdf as unknown as { page?: PageInternals }).page;
    const content = page?.content as Partial<StreamReference> | undefined;
    const pageEnd = page?.end;
    if (page === undefined || !isStreamReference(content) || typeof pageEnd !== 'function') return;
    // Set just before the page is written: its content ends with these bytes, compressed already.
    let compressed: Uint8Array | undefined;
    const contentEnd = content.end;
    content.end = (chunk?: Uint8Array | string) => {
      if (compressed === undefined) return contentEnd.call(content, chunk);
      // pdfkit's own finalize would write the compressed bytes with Length, then Filter (set by
      // its first write): the same dictionary, the same bytes.
      content.compress = false;
      content.write(compressed);
      contentEnd.call(content);
    };
    // pdfkit ends a page when the next one is added, and writes nothing else until the document
    // ends (what is written between, a print file's forms, has the pending pages written first:
    // writePending): the page is written later, in turn, and the file comes out the same.
    page.end = function (this: unknown, ...args: unknown[]) {
      // stop() has written every pending page: from now on pdfkit ends pages itself.
      if (stopped) return pageEnd.apply(this, args) as unknown;
      const write = (bytes: Uint8Array | undefined): void => {
        compressed = bytes;
        pageEnd.apply(page, args);
      };
      // An empty page has no stream to compress; pdfkit writes it without one.
      if (!content.compress || content.buffer.length === 0) {
        pending.push({ write, raw: undefined, done: Promise.resolve() });
        return undefined;
      }
      const raw = Buffer.concat(content.buffer);
      content.buffer = [];
      const item: PendingPage = {
        write,
        raw,
        // On a failure, writeFirst() compresses the page itself, where a failure throws as in pdfkit.
        done: deflatePage(raw).then(
          (bytes) => void (item.bytes = bytes),
          () => undefined,
        ),
      };
      pending.push(item);
      return undefined;
    };
  });

  return {
    async settle() {
      // zlib's results arrive as this thread's event loop turns, and a deflate takes a few turns
      // (its stream's steps): one turn per letter keeps them moving while the next is drawn.
      await new Promise((resolve) => setImmediate(resolve));
      writeReady();
      while (pending.length > MAX_PENDING_PAGES) {
        await pending[0]!.done;
        writeReady();
      }
    },
    writePending: writeAll,
    async stop() {
      await Promise.all(pending.map((page) => page.done));
      writeAll();
      stopped = true;
    },
  };
}

function isStreamReference(value: Partial<StreamReference> | undefined): value is StreamReference {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof value.compress === 'boolean' &&
    Array.isArray(value.buffer) &&
    typeof value.write === 'function' &&
    typeof value.end === 'function' &&
    typeof value.data === 'object'
  );
}
