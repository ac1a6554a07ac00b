import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Paper } from '../compose/paper-size.js';
import type { LetterDocument } from '../letter/letter-document.js';
import type { FontPaths } from '../render/fonts.js';
import type { FaxHeader } from '../render/render-fax.js';
import { countPdfPages } from './count-pdf-pages.js';

/** Renders letters to PDF, in worker threads when there is more than one job. */
export interface PdfRenderPool {
  /** A letter for a window envelope, or with a fax header on page 1 when `fax` is given. */
  render(doc: LetterDocument, fax?: FaxHeader): Promise<{ bytes: Uint8Array; pages: number }>;
  close(): Promise<void>;
}

export interface PoolOptions {
  readonly jobs: number;
  readonly paper: Paper;
  readonly fonts: FontPaths;
  /** Letter date, YYYY-MM-DD, pinned into the PDFs. */
  readonly date: string;
  /** How many PDFs the run will render; small runs stay in-process. */
  readonly letters?: number;
}

// Starting a worker (pdfkit, fonts) costs about as much as a hundred letters: below this many
// letters, rendering in the main thread finishes first (the bench: 65/s with two workers, 97/s
// without, at 100 letters).
const MIN_LETTERS_FOR_WORKERS = 300;

/** Starts a pool: in-process for one job (or when running from sources), else `jobs` workers. */
export async function createPdfRenderPool(options: PoolOptions): Promise<PdfRenderPool> {
  const workerFile = fileURLToPath(new URL('./render-worker.js', import.meta.url));
  const small = options.letters !== undefined && options.letters < MIN_LETTERS_FOR_WORKERS;
  if (options.jobs <= 1 || small || !existsSync(workerFile)) return createInProcessPool(options);

  type Pending = { resolve: (r: { bytes: Uint8Array; pages: number }) => void; reject: (e: Error) => void };
  const pending = new Map<number, Pending>();
  const workers = Array.from({ length: options.jobs }, () => {
    const worker = new Worker(workerFile, { workerData: { paper: options.paper, fonts: options.fonts, date: options.date } });
    worker.on('message', (message: { id: number; bytes?: Uint8Array; pages?: number; error?: string }) => {
      const task = pending.get(message.id);
      if (!task) return;
      pending.delete(message.id);
      if (message.error !== undefined || !message.bytes) task.reject(new Error(message.error ?? 'the worker sent no PDF'));
      else task.resolve({ bytes: message.bytes, pages: message.pages ?? countPdfPages(message.bytes) });
    });
    worker.on('error', (error) => {
      for (const task of pending.values()) task.reject(error);
      pending.clear();
    });
    return worker;
  });
  let next = 0;
  return {
    render(doc, fax) {
      const id = next++;
      const worker = workers[id % workers.length]!;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, doc, fax });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

async function createInProcessPool(options: PoolOptions): Promise<PdfRenderPool> {
  const { loadFontSet } = await import('../render/fonts.js');
  const { renderPdf } = await import('../render/render-pdf.js');
  const { renderFax } = await import('../render/render-fax.js');
  const date = new Date(`${options.date}T00:00:00Z`);
  return {
    async render(doc, fax) {
      const settings = { paper: options.paper, fonts: loadFontSet(options.fonts, doc.language), date };
      const bytes = fax ? await renderFax(doc, fax, settings) : await renderPdf(doc, settings);
      return { bytes, pages: countPdfPages(bytes) };
    },
    close: async () => undefined,
  };
}
