// Drawing the print file: cover sheets and letters go in one by one, each placed on new pages
// (a front side with duplex), and the file's SHA-256 is taken as it is written. A session runs
// in the main thread for small print files, and in a worker thread of its own for large ones, so
// that its heap is bounded: V8 lets a busy main thread's heap grow with the letter count.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { Paper } from '../compose/paper-size.js';
import { UaError } from '../diagnostics/ua-error.js';
import type { LetterDocument } from '../letter/letter-document.js';
import type { DeflatePage } from '../render/background-compression.js';
import type { CoverSheet } from '../render/combined-pdf.js';
import type { FontPaths } from '../render/fonts.js';
import { startWorkerPool } from '../workers/worker-pool.js';
import { workerFile } from '../workers/worker-file.js';
import { fromErrorReply, type ErrorReply } from '../workers/error-reply.js';
import { WORKER_HEAP } from './worker-threads.js';
import { serveDeflate } from './deflate-port.js';

/** What goes into the print file next. */
export type PrintItem = { readonly kind: 'cover'; readonly cover: CoverSheet } | { readonly kind: 'letter'; readonly doc: LetterDocument };

/** Where an item landed: its first page (1-based), its pages, and blank pages added after it. */
export interface Placement {
  readonly firstPage: number;
  readonly pages: number;
  readonly blankPagesAfter: number;
}

export interface PrintSession {
  /** Draws an item after the previous ones; items are drawn in the order they are added. */
  add(item: PrintItem): Promise<Placement>;
  /** Finishes the file; resolves once every byte is on disk, with the file's SHA-256. */
  end(): Promise<{ sha256: string }>;
}

export interface PrintSessionOptions {
  /** The (temporary) file to write; it must not exist. */
  readonly file: string;
  readonly paper: Paper;
  readonly fonts: FontPaths;
  /** Date pinned into the PDF, YYYY-MM-DD. */
  readonly date: string;
  readonly title: string;
  /** Start every item on a front side (odd page). */
  readonly duplex: boolean;
}

/** A session in this thread; `deflatePage` compresses its pages' contents (zlib's thread pool by default). */
export async function openPrintSession(options: PrintSessionOptions, deflatePage?: DeflatePage): Promise<PrintSession> {
  const { loadFontSet } = await import('../render/fonts.js');
  const { createCombinedPdf } = await import('../render/combined-pdf.js');
  const hash = createHash('sha256');
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  const written = pipeline(hashing, createWriteStream(options.file, { flags: 'wx' }));
  // A failure to write shows at the next add() or end(), through the document's pipeline.
  written.catch(() => undefined);
  const pdf = createCombinedPdf(hashing, {
    paper: options.paper,
    fonts: loadFontSet(options.fonts),
    date: new Date(`${options.date}T00:00:00Z`),
    title: options.title,
    ...(deflatePage === undefined ? {} : { deflatePage }),
  });
  // Items arrive while an earlier one waits for the disk: they are drawn strictly in turn.
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    add: (item) =>
      inTurn(async () => {
        const firstPage = pdf.pageCount + 1;
        const pages = item.kind === 'cover' ? pdf.addCoverSheet(item.cover) : pdf.addLetter(item.doc, loadFontSet(options.fonts, item.doc.language));
        let blankPagesAfter = 0;
        if (options.duplex && pdf.pageCount % 2 === 1) {
          pdf.addBlankPage();
          blankPagesAfter = 1;
        }
        // pdfkit does not wait for the disk: let the file catch up so memory stays flat.
        await pdf.drained();
        return { firstPage, pages, blankPagesAfter };
      }),
    end: () =>
      inTurn(async () => {
        await pdf.end();
        await written;
        return { sha256: hash.digest('hex') };
      }),
  };
}

/** How a print file is set up, apart from the file it goes to. */
export type PrintSettings = Omit<PrintSessionOptions, 'file'>;

/** What the print worker starts with: the file's settings, and where to have pages compressed. */
export interface PrintWorkerData {
  readonly settings: PrintSettings;
  readonly deflatePort: MessagePort;
}

/** What the print worker is sent and sends back: first the file to open, then items, then the end. */
export type PrintRequest =
  | { readonly id: number; readonly open: string }
  | { readonly id: number; readonly item: PrintItem }
  | { readonly id: number; readonly end: true };
export type PrintReply =
  | { readonly id: number; readonly opened: true }
  | { readonly id: number; readonly placement: Placement }
  | { readonly id: number; readonly sha256: string }
  | ({ readonly id: number } & ErrorReply);

/**
 * A print worker started before its file is known: it loads its modules and fonts (about 0.3 s)
 * while the main thread still checks the batch, and draws one file once `open` names it.
 */
export interface PrintWorker {
  /** Starts the session drawing `file`; only once, and not after close(). Items can be added at once: they wait for the file. */
  open(file: string): PrintSession;
  /** Stops the worker, whether or not a session took it over (ending a session stops it too). */
  close(): Promise<void>;
  /** Settles once the worker's thread runs (its heap is set up), or has stopped. */
  readonly online: Promise<void>;
}

/**
 * Starts a print worker whose heap is bounded like the render workers': what pdfkit keeps of
 * each page is a few bytes outside the heap (pdf-memory.ts), so the live heap is fonts and caches
 * (~20 MB) however many letters go in. Undefined when running from sources (no worker to start).
 */
export function startPrintWorker(settings: PrintSettings): PrintWorker | undefined {
  const file = workerFile('print-worker', import.meta.url);
  if (file === undefined) return undefined;
  const { port1: deflater, port2: deflatePort } = new MessageChannel();
  serveDeflate(deflater);
  const worker = startWorkerPool<PrintReply>({
    file,
    size: 1,
    workerData: { settings, deflatePort } satisfies PrintWorkerData,
    transferList: [deflatePort],
    resourceLimits: WORKER_HEAP,
    stopped: (why) => new UaError('print/worker-failed', `the print file could not be finished: its worker stopped: ${why} (try --jobs 1)`, { exitCode: 2 }),
  });
  let taken = false;
  const stop = async (): Promise<void> => {
    taken = true;
    await worker.close();
    deflater.close();
  };
  const send = async (request: Omit<PrintRequest, 'id'>): Promise<PrintReply> => {
    const reply = await worker.send(request);
    if ('error' in reply) throw fromErrorReply(reply, 2);
    return reply;
  };
  return {
    open(target) {
      if (taken) throw new Error('a print worker draws one file, and none once stopped');
      taken = true;
      // The worker takes requests in turn: items sent now are drawn once the file is open. A file
      // that cannot be opened fails them all; the first add() or end() reports it.
      const opened = send({ open: target });
      opened.catch(() => undefined);
      return {
        add: async (item) => {
          await opened;
          const reply = await send({ item });
          if (!('placement' in reply)) throw new Error('the print worker sent no placement');
          return reply.placement;
        },
        end: async () => {
          try {
            await opened;
            const reply = await send({ end: true });
            if (!('sha256' in reply)) throw new Error('the print worker sent no hash');
            return { sha256: reply.sha256 };
          } finally {
            await stop();
          }
        },
      };
    },
    close: stop,
    online: worker.online,
  };
}

/** A session in a worker thread where there is one to start (not when running from sources); otherwise in this thread. */
export async function openPrintSessionInWorker(options: PrintSessionOptions): Promise<PrintSession> {
  const { file, ...settings } = options;
  const worker = startPrintWorker(settings);
  return worker === undefined ? openPrintSession(options) : Promise.resolve(worker.open(file));
}
