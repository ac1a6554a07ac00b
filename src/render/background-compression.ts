// Page contents of a print file compressed on libuv's thread pool while the next letter is drawn.
// pdfkit compresses a page's content stream in its own thread (zlib's deflateSync) when the page
// ends, a sixth of a print file's time; the main thread of a run is mostly idle meanwhile. Here a
// page's content is handed to zlib's asynchronous deflate when the page ends, and written, with
// the same bytes in the same place, before pdfkit writes anything else: at settle(), which the
// print file awaits between letters, or at the start of the next page's end. Relies on pdfkit
// 0.20's internals (the page's `content` reference and its `buffer`, and the 'pageAdded' event);
// if they change, the checks fail and pdfkit compresses as before.
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

/** A page content waiting for its compressed bytes; `bytes` is set once zlib has them. */
interface PendingContent {
  readonly reference: StreamReference;
  readonly end: StreamReference['end'];
  readonly raw: Buffer;
  readonly done: Promise<void>;
  bytes?: Buffer;
}

export interface BackgroundCompression {
  /** Waits for the contents compressed meanwhile and writes them; call between letters. */
  settle(): Promise<void>;
  /** Writes what is pending and compresses from now on as pdfkit does; call before pdf.end(). */
  stop(): void;
}

export function compressPagesInBackground(pdf: Pdf): BackgroundCompression {
  const pending: PendingContent[] = [];
  let stopped = false;

  // Writes every pending content in order; those zlib has not finished are compressed here.
  const writePending = (): void => {
    for (const item of pending.splice(0)) {
      const bytes = item.bytes ?? deflateSync(item.raw);
      // pdfkit's own finalize would write the compressed bytes with Length, then Filter (set by
      // its first write): the same dictionary, the same bytes.
      item.reference.compress = false;
      item.reference.write(bytes);
      item.end.call(item.reference);
    }
  };

  pdf.on('pageAdded', () => {
    const page = (pdf as unknown as { page?: PageInternals }).page;
    const content = page?.content as Partial<StreamReference> | undefined;
    const pageEnd = page?.end;
    if (page === undefined || !isStreamReference(content) || typeof pageEnd !== 'function') return;
    // The page's dictionary and resources are written before its content: what is pending from
    // an earlier page goes out first, as it would have.
    page.end = function (this: unknown, ...args: unknown[]) {
      writePending();
      return pageEnd.apply(this, args) as unknown;
    };
    const end = content.end;
    content.end = (chunk?: Uint8Array | string) => {
      // An empty page has no stream to compress; pdfkit writes it without one.
      if (stopped || !content.compress || (chunk === undefined && content.buffer.length === 0)) return end.call(content, chunk);
      if (chunk !== undefined) content.write(chunk);
      const raw = Buffer.concat(content.buffer);
      content.buffer = [];
      const item: PendingContent = {
        reference: content,
        end,
        raw,
        done: new Promise((resolve) => {
          deflate(raw, (error, bytes) => {
            // On an error, writePending() compresses it here, where a failure throws as in pdfkit.
            if (error === null) item.bytes = bytes;
            resolve();
          });
        }),
      };
      pending.push(item);
    };
  });

  return {
    async settle() {
      await Promise.all(pending.map((item) => item.done));
      writePending();
    },
    stop() {
      stopped = true;
      writePending();
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
